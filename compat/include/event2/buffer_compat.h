/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/buffer_compat.h: deprecated evbuffer interfaces from libevent 1.x. */
#ifndef EVCXX_EVENT2_BUFFER_COMPAT_H
#define EVCXX_EVENT2_BUFFER_COMPAT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_BUFFER_COMPAT_H_INCLUDED_

#include <event2/visibility.h>
#include <event2/util.h>

#ifdef __cplusplus
extern "C" {
#endif

struct evbuffer;

/* Remove one line ending in any mix of CR/LF (use evbuffer_readln). */
EVENT2_EXPORT_SYMBOL char *evbuffer_readline(struct evbuffer *buffer);

/* Old-style single change callback: lengths before and after the change. */
typedef void (*evbuffer_cb)(struct evbuffer *buffer, size_t old_len, size_t new_len, void *arg);
/* Replace all callbacks with cb (use evbuffer_add_cb). */
EVENT2_EXPORT_SYMBOL int evbuffer_setcb(struct evbuffer *buffer, evbuffer_cb cb, void *cbarg);

/* Pointer to the first occurrence of what, after making it contiguous
 * (use evbuffer_search). */
EVENT2_EXPORT_SYMBOL unsigned char *evbuffer_find(struct evbuffer *buffer, const unsigned char *what, size_t len);

/* 1.x accessors, now function calls. */
#define EVBUFFER_LENGTH(x) evbuffer_get_length(x)
#define EVBUFFER_DATA(x) evbuffer_pullup((x), -1)

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_BUFFER_COMPAT_H */
