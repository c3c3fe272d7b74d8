/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/keyvalq_struct.h: the key/value list used for HTTP headers and
 * parsed query strings.  The list is laid out like a <sys/queue.h> TAILQ, so
 * TAILQ_FOREACH(kv, headers, next) works on it. */
#ifndef EVCXX_EVENT2_KEYVALQ_STRUCT_H
#define EVCXX_EVENT2_KEYVALQ_STRUCT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_KEYVALQ_STRUCT_H_INCLUDED_

/* libevent notes that it supplied its own TAILQ helpers when <sys/queue.h>
 * had not been included; the markers are kept for code that tests them. */
#if !defined(TAILQ_ENTRY) && !defined(EVENT_DEFINED_TQENTRY_)
#define EVENT_DEFINED_TQENTRY_
#endif
#if !defined(TAILQ_HEAD) && !defined(EVENT_DEFINED_TQHEAD_)
#define EVENT_DEFINED_TQHEAD_
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct evkeyval;

/* One header line or query parameter. */
struct evkeyval {
	/* list linkage, same shape as TAILQ_ENTRY(evkeyval) */
	struct {
		struct evkeyval *tqe_next;
		struct evkeyval **tqe_prev;
	} next;
	char *key;
	char *value;
};

/* Head of a list of struct evkeyval, same shape as TAILQ_HEAD. */
struct evkeyvalq {
	struct evkeyval *tqh_first;
	struct evkeyval **tqh_last;
};

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_KEYVALQ_STRUCT_H */
