/* evcxx -- libevent 2.1.12 compatible event library.
 * evutil.h: libevent 1.x name of event2/util.h. */
#ifndef EVCXX_EVUTIL_H
#define EVCXX_EVUTIL_H

/* Marker that libevent's own header leaves defined. */
#define EVENT1_EVUTIL_H_INCLUDED_

#include <event2/util.h>

#endif /* EVCXX_EVUTIL_H */
