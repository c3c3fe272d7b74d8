/* evcxx -- libevent 2.1.12 compatible event library.
 * evhttp.h: libevent 1.x umbrella header for the HTTP layer. */
#ifndef EVCXX_EVHTTP_H
#define EVCXX_EVHTTP_H

/* Marker that libevent's own header leaves defined. */
#define EVENT1_EVHTTP_H_INCLUDED_

#include <event.h>
#include <event2/http.h>
#include <event2/http_struct.h>
#include <event2/http_compat.h>

#endif /* EVCXX_EVHTTP_H */
