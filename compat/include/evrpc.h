/* evcxx -- libevent 2.1.12 compatible event library.
 * evrpc.h: libevent 1.x umbrella header for the RPC layer. */
#ifndef EVCXX_EVRPC_H
#define EVCXX_EVRPC_H

/* Marker that libevent's own header leaves defined. */
#define EVENT1_EVRPC_H_INCLUDED_

#include <event.h>
#include <event2/rpc.h>
#include <event2/rpc_struct.h>
#include <event2/rpc_compat.h>

#endif /* EVCXX_EVRPC_H */
