/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/thread.h: plugging a threading library (locks, condition
 * variables, thread ids) into the event library. */
#ifndef EVCXX_EVENT2_THREAD_H
#define EVCXX_EVENT2_THREAD_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_THREAD_H_INCLUDED_

#include <event2/visibility.h>
#include <event2/event-config.h>

#ifdef __cplusplus
extern "C" {
#endif

struct timeval;
struct event_base;

/* Lock modes passed to the lock/unlock callbacks. */
#define EVTHREAD_WRITE 0x04
#define EVTHREAD_READ 0x08
#define EVTHREAD_TRY 0x10

/* Version expected in evthread_lock_callbacks.lock_api_version. */
#define EVTHREAD_LOCK_API_VERSION 1

/* Lock types the allocator may be asked for (0 is a plain mutex). */
#define EVTHREAD_LOCKTYPE_RECURSIVE 1
#define EVTHREAD_LOCKTYPE_READWRITE 2

/* Lock implementation supplied by the application (copied by the library). */
struct evthread_lock_callbacks {
	int lock_api_version;
	unsigned supported_locktypes;
	void *(*alloc)(unsigned locktype);
	void (*free)(void *lock, unsigned locktype);
	int (*lock)(unsigned mode, void *lock);
	int (*unlock)(unsigned mode, void *lock);
};

/* Install lock callbacks; must happen before any base is created. */
EVENT2_EXPORT_SYMBOL int evthread_set_lock_callbacks(const struct evthread_lock_callbacks *);

/* Version expected in evthread_condition_callbacks.condition_api_version. */
#define EVTHREAD_CONDITION_API_VERSION 1

/* Condition-variable implementation supplied by the application. */
struct evthread_condition_callbacks {
	int condition_api_version;
	void *(*alloc_condition)(unsigned condtype);
	void (*free_condition)(void *cond);
	int (*signal_condition)(void *cond, int broadcast);
	int (*wait_condition)(void *cond, void *lock, const struct timeval *timeout);
};

/* Install condition-variable callbacks. */
EVENT2_EXPORT_SYMBOL int evthread_set_condition_callbacks(const struct evthread_condition_callbacks *);

/* Install the function that identifies the calling thread. */
EVENT2_EXPORT_SYMBOL void evthread_set_id_callback(unsigned long (*id_fn)(void));

/* Use POSIX threads for all of the above (libevent_pthreads). */
EVENT2_EXPORT_SYMBOL int evthread_use_pthreads(void);
#define EVTHREAD_USE_PTHREADS_IMPLEMENTED 1

/* Wrap locks with checks for misuse; the second name is a deprecated
 * misspelling kept for old programs. */
EVENT2_EXPORT_SYMBOL void evthread_enable_lock_debugging(void);
EVENT2_EXPORT_SYMBOL void evthread_enable_lock_debuging(void);

/* Let other threads wake the base's loop. */
EVENT2_EXPORT_SYMBOL int evthread_make_base_notifiable(struct event_base *base);

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_THREAD_H */
