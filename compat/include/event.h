/* evcxx -- libevent 2.1.12 compatible event library.
 * event.h: libevent 1.x umbrella header.  New code should include the
 * event2/ headers it needs instead. */
#ifndef EVCXX_EVENT_H
#define EVCXX_EVENT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT1_EVENT_H_INCLUDED_

#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <stdint.h>
#include <stdarg.h>

#include <evutil.h>

#include <event2/event_struct.h>
#include <event2/event.h>
#include <event2/event_compat.h>
#include <event2/buffer.h>
#include <event2/buffer_compat.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_struct.h>
#include <event2/bufferevent_compat.h>
#include <event2/tag.h>
#include <event2/tag_compat.h>

#endif /* EVCXX_EVENT_H */
