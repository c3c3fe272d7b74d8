/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/bufferevent_compat.h: deprecated bufferevent interfaces from
 * libevent 1.x. */
#ifndef EVCXX_EVENT2_BUFFEREVENT_COMPAT_H
#define EVCXX_EVENT2_BUFFEREVENT_COMPAT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_BUFFEREVENT_COMPAT_H_INCLUDED_

#include <event2/visibility.h>
#include <event2/util.h>
#include <event2/bufferevent.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1.x names of the callback types. */
#define evbuffercb bufferevent_data_cb
#define everrorcb bufferevent_event_cb

/* Socket bufferevent on the global base (use bufferevent_socket_new). */
EVENT2_EXPORT_SYMBOL struct bufferevent *bufferevent_new(evutil_socket_t fd, evbuffercb readcb, evbuffercb writecb, everrorcb errorcb, void *cbarg);

/* Timeouts in whole seconds (use bufferevent_set_timeouts). */
EVENT2_EXPORT_SYMBOL void bufferevent_settimeout(struct bufferevent *bufev, int timeout_read, int timeout_write);

/* 1.x names of the BEV_EVENT_* bits. */
#define EVBUFFER_READ BEV_EVENT_READING
#define EVBUFFER_WRITE BEV_EVENT_WRITING
#define EVBUFFER_EOF BEV_EVENT_EOF
#define EVBUFFER_ERROR BEV_EVENT_ERROR
#define EVBUFFER_TIMEOUT BEV_EVENT_TIMEOUT

/* 1.x field accessors, now function calls. */
#define EVBUFFER_INPUT(x) bufferevent_get_input(x)
#define EVBUFFER_OUTPUT(x) bufferevent_get_output(x)

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_BUFFEREVENT_COMPAT_H */
