/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/bufferevent_struct.h: the public head of struct bufferevent, for
 * old code that reads its fields.  Use the accessor functions instead. */
#ifndef EVCXX_EVENT2_BUFFEREVENT_STRUCT_H
#define EVCXX_EVENT2_BUFFEREVENT_STRUCT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_BUFFEREVENT_STRUCT_H_INCLUDED_

#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <event2/util.h>
#include <event2/event_struct.h>
#include <event2/bufferevent.h>

#ifdef __cplusplus
extern "C" {
#endif

struct event_base;
struct evbuffer;
struct bufferevent_ops;

/* Low and high watermark of one direction. */
struct event_watermark {
	size_t low;
	size_t high;
};

/* First part of every bufferevent; the library allocates a larger object. */
struct bufferevent {
	struct event_base *ev_base;
	const struct bufferevent_ops *be_ops;	/* implementation */
	struct event ev_read;
	struct event ev_write;
	struct evbuffer *input;
	struct evbuffer *output;
	struct event_watermark wm_read;
	struct event_watermark wm_write;
	bufferevent_data_cb readcb;
	bufferevent_data_cb writecb;
	bufferevent_event_cb errorcb;		/* the event callback */
	void *cbarg;
	struct timeval timeout_read;
	struct timeval timeout_write;
	short enabled;				/* EV_READ|EV_WRITE */
};

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_BUFFEREVENT_STRUCT_H */
