/* evcxx -- libevent 2.1.12 compatible event library.
 * evdns.h: libevent 1.x umbrella header for the DNS layer. */
#ifndef EVCXX_EVDNS_H
#define EVCXX_EVDNS_H

/* Marker that libevent's own header leaves defined. */
#define EVENT1_EVDNS_H_INCLUDED_

#include <event.h>
#include <event2/dns.h>
#include <event2/dns_compat.h>
#include <event2/dns_struct.h>

#endif /* EVCXX_EVDNS_H */
