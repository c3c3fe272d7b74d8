/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/event_struct.h: the layout of struct event, for programs that
 * embed events in their own structures (event_assign()).  Fields are private
 * to the library; only the size and a few historical positions are part of
 * the ABI. */
#ifndef EVCXX_EVENT2_EVENT_STRUCT_H
#define EVCXX_EVENT2_EVENT_STRUCT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_EVENT_STRUCT_H_INCLUDED_

#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <event2/util.h>
#include <event2/keyvalq_struct.h>

#if !defined(LIST_ENTRY) && !defined(EVENT_DEFINED_LISTENTRY_)
#define EVENT_DEFINED_LISTENTRY_
#endif
#if !defined(LIST_HEAD) && !defined(EVENT_DEFINED_LISTHEAD_)
#define EVENT_DEFINED_LISTHEAD_
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Bits of event_callback.evcb_flags: which internal lists hold the event. */
#define EVLIST_TIMEOUT 0x01
#define EVLIST_INSERTED 0x02
#define EVLIST_SIGNAL 0x04
#define EVLIST_ACTIVE 0x08
#define EVLIST_INTERNAL 0x10
#define EVLIST_ACTIVE_LATER 0x20
#define EVLIST_FINALIZING 0x40
#define EVLIST_INIT 0x80
#define EVLIST_ALL 0xff

struct event;
struct event_base;
struct event_callback;

/* Common head of everything the loop can run (40 bytes). */
struct event_callback {
	struct {				/* active-queue linkage */
		struct event_callback *tqe_next;
		struct event_callback **tqe_prev;
	} evcb_active_next;
	short evcb_flags;			/* EVLIST_* */
	ev_uint8_t evcb_pri;			/* priority, 0 runs first */
	ev_uint8_t evcb_closure;		/* how to invoke the callback */
	union {					/* the callback, by closure kind */
		void (*evcb_callback)(evutil_socket_t, short, void *);
		void (*evcb_selfcb)(struct event_callback *, void *);
		void (*evcb_evfinalize)(struct event *, void *);
		void (*evcb_cbfinalize)(struct event_callback *, void *);
	} evcb_cb_union;
	void *evcb_arg;
};

/* An I/O, signal or timer event (128 bytes). */
struct event {
	struct event_callback ev_evcallback;

	union {					/* timer bookkeeping */
		struct {
			struct event *tqe_next;
			struct event **tqe_prev;
		} ev_next_with_common_timeout;
		int min_heap_idx;
	} ev_timeout_pos;

	evutil_socket_t ev_fd;			/* fd or signal number */
	struct event_base *ev_base;

	union {
		struct {			/* I/O events */
			struct {
				struct event *le_next;
				struct event **le_prev;
			} ev_io_next;
			struct timeval ev_timeout;
		} ev_io;
		struct {			/* signal events */
			struct {
				struct event *le_next;
				struct event **le_prev;
			} ev_signal_next;
			short ev_ncalls;
			short *ev_pncalls;
		} ev_signal;
	} ev_;

	short ev_events;			/* EV_* flags asked for */
	short ev_res;				/* EV_* flags that fired */
	struct timeval ev_timeout;
};

/* A TAILQ head of events. */
struct event_list {
	struct event *tqh_first;
	struct event **tqh_last;
};

/* A LIST head of events. */
struct event_dlist {
	struct event *lh_first;
};

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_EVENT_STRUCT_H */
