/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/buffer.h: struct evbuffer, a byte queue optimised for network I/O
 * (append at the end, consume from the front, zero-copy where possible). */
#ifndef EVCXX_EVENT2_BUFFER_H
#define EVCXX_EVENT2_BUFFER_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_BUFFER_H_INCLUDED_

#include <event2/visibility.h>
#include <event2/event-config.h>
#include <stdarg.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <event2/util.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque buffer. */
struct evbuffer;
struct event_base;

/* A position inside a buffer; only pos is meaningful to callers. */
struct evbuffer_ptr {
	ev_ssize_t pos;
	struct {
		void *chain;
		size_t pos_in_chain;
	} internal_;
};

/* Scatter/gather vector: the system's struct iovec. */
#define evbuffer_iovec iovec
#define EVBUFFER_IOVEC_IS_NATIVE_

/* ---- Life cycle and locking ---------------------------------------------- */

EVENT2_EXPORT_SYMBOL struct evbuffer *evbuffer_new(void);
EVENT2_EXPORT_SYMBOL void evbuffer_free(struct evbuffer *buf);
/* Protect the buffer with a lock (NULL: allocate a recursive one). */
EVENT2_EXPORT_SYMBOL int evbuffer_enable_locking(struct evbuffer *buf, void *lock);
EVENT2_EXPORT_SYMBOL void evbuffer_lock(struct evbuffer *buf);
EVENT2_EXPORT_SYMBOL void evbuffer_unlock(struct evbuffer *buf);

/* Buffer flags for evbuffer_set_flags()/evbuffer_clear_flags(). */
#define EVBUFFER_FLAG_DRAINS_TO_FD 1
EVENT2_EXPORT_SYMBOL int evbuffer_set_flags(struct evbuffer *buf, ev_uint64_t flags);
EVENT2_EXPORT_SYMBOL int evbuffer_clear_flags(struct evbuffer *buf, ev_uint64_t flags);

/* ---- Sizes ------------------------------------------------------------------ */

/* Total bytes stored / bytes in the first chunk. */
EVENT2_EXPORT_SYMBOL size_t evbuffer_get_length(const struct evbuffer *buf);
EVENT2_EXPORT_SYMBOL size_t evbuffer_get_contiguous_space(const struct evbuffer *buf);
/* Make room for datlen more bytes without further allocation. */
EVENT2_EXPORT_SYMBOL int evbuffer_expand(struct evbuffer *buf, size_t datlen);

/* ---- Adding and removing data ---------------------------------------------- */

/* Reserve writable space at the end, fill it, then commit what was used. */
EVENT2_EXPORT_SYMBOL int evbuffer_reserve_space(struct evbuffer *buf, ev_ssize_t size, struct evbuffer_iovec *vec, int n_vec);
EVENT2_EXPORT_SYMBOL int evbuffer_commit_space(struct evbuffer *buf, struct evbuffer_iovec *vec, int n_vecs);

/* Append a copy of data. */
EVENT2_EXPORT_SYMBOL int evbuffer_add(struct evbuffer *buf, const void *data, size_t datlen);
/* Move up to datlen bytes out of the front. */
EVENT2_EXPORT_SYMBOL int evbuffer_remove(struct evbuffer *buf, void *data, size_t datlen);
/* Copy up to datlen bytes out without draining (from the front / from pos). */
EVENT2_EXPORT_SYMBOL ev_ssize_t evbuffer_copyout(struct evbuffer *buf, void *data_out, size_t datlen);
EVENT2_EXPORT_SYMBOL ev_ssize_t evbuffer_copyout_from(struct evbuffer *buf, const struct evbuffer_ptr *pos, void *data_out, size_t datlen);
/* Move up to datlen bytes from src to the end of dst. */
EVENT2_EXPORT_SYMBOL int evbuffer_remove_buffer(struct evbuffer *src, struct evbuffer *dst, size_t datlen);

/* Line-ending conventions for evbuffer_readln()/evbuffer_search_eol(). */
enum evbuffer_eol_style {
	EVBUFFER_EOL_ANY,		/* any run of CR and LF */
	EVBUFFER_EOL_CRLF,		/* optional CR then LF */
	EVBUFFER_EOL_CRLF_STRICT,	/* exactly CR LF */
	EVBUFFER_EOL_LF,		/* LF */
	EVBUFFER_EOL_NUL		/* a NUL byte */
};

/* Remove one line; returns a malloc'd NUL-terminated copy or NULL. */
EVENT2_EXPORT_SYMBOL char *evbuffer_readln(struct evbuffer *buffer, size_t *n_read_out, enum evbuffer_eol_style eol_style);

/* Move all of inbuf to the end of outbuf / add it as a shared reference. */
EVENT2_EXPORT_SYMBOL int evbuffer_add_buffer(struct evbuffer *outbuf, struct evbuffer *inbuf);
EVENT2_EXPORT_SYMBOL int evbuffer_add_buffer_reference(struct evbuffer *outbuf, struct evbuffer *inbuf);

/* Append caller-owned memory without copying; cleanupfn runs when done. */
typedef void (*evbuffer_ref_cleanup_cb)(const void *data, size_t datalen, void *extra);
EVENT2_EXPORT_SYMBOL int evbuffer_add_reference(struct evbuffer *outbuf, const void *data, size_t datlen, evbuffer_ref_cleanup_cb cleanupfn, void *cleanupfn_arg);

/* Append a range of a file (closes fd when done). */
EVENT2_EXPORT_SYMBOL int evbuffer_add_file(struct evbuffer *outbuf, int fd, ev_off_t offset, ev_off_t length);

/* Reusable file ranges. */
struct evbuffer_file_segment;

/* Flags for evbuffer_file_segment_new(). */
#define EVBUF_FS_CLOSE_ON_FREE 0x01
#define EVBUF_FS_DISABLE_MMAP 0x02
#define EVBUF_FS_DISABLE_SENDFILE 0x04
#define EVBUF_FS_DISABLE_LOCKING 0x08

typedef void (*evbuffer_file_segment_cleanup_cb)(struct evbuffer_file_segment const *seg, int flags, void *arg);
EVENT2_EXPORT_SYMBOL struct evbuffer_file_segment *evbuffer_file_segment_new(int fd, ev_off_t offset, ev_off_t length, unsigned flags);
EVENT2_EXPORT_SYMBOL void evbuffer_file_segment_free(struct evbuffer_file_segment *seg);
EVENT2_EXPORT_SYMBOL void evbuffer_file_segment_add_cleanup_cb(struct evbuffer_file_segment *seg, evbuffer_file_segment_cleanup_cb cb, void *arg);
EVENT2_EXPORT_SYMBOL int evbuffer_add_file_segment(struct evbuffer *buf, struct evbuffer_file_segment *seg, ev_off_t offset, ev_off_t length);

/* Append formatted text. */
EVENT2_EXPORT_SYMBOL int evbuffer_add_printf(struct evbuffer *buf, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
EVENT2_EXPORT_SYMBOL int evbuffer_add_vprintf(struct evbuffer *buf, const char *fmt, va_list ap)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 0)))
#endif
	;

/* Discard len bytes from the front. */
EVENT2_EXPORT_SYMBOL int evbuffer_drain(struct evbuffer *buf, size_t len);

/* ---- Socket I/O ----------------------------------------------------------- */

/* Write as much as possible (or at most howmuch) to fd, draining it. */
EVENT2_EXPORT_SYMBOL int evbuffer_write(struct evbuffer *buffer, evutil_socket_t fd);
EVENT2_EXPORT_SYMBOL int evbuffer_write_atmost(struct evbuffer *buffer, evutil_socket_t fd, ev_ssize_t howmuch);
/* Read up to howmuch bytes (-1: a sensible amount) from fd. */
EVENT2_EXPORT_SYMBOL int evbuffer_read(struct evbuffer *buffer, evutil_socket_t fd, int howmuch);

/* ---- Searching ------------------------------------------------------------ */

/* Find a byte string (pos -1 when absent), optionally bounded by end. */
EVENT2_EXPORT_SYMBOL struct evbuffer_ptr evbuffer_search(struct evbuffer *buffer, const char *what, size_t len, const struct evbuffer_ptr *start);
EVENT2_EXPORT_SYMBOL struct evbuffer_ptr evbuffer_search_range(struct evbuffer *buffer, const char *what, size_t len, const struct evbuffer_ptr *start, const struct evbuffer_ptr *end);

/* How evbuffer_ptr_set() interprets position. */
enum evbuffer_ptr_how {
	EVBUFFER_PTR_SET,	/* absolute */
	EVBUFFER_PTR_ADD	/* relative to the current value */
};
EVENT2_EXPORT_SYMBOL int evbuffer_ptr_set(struct evbuffer *buffer, struct evbuffer_ptr *ptr, size_t position, enum evbuffer_ptr_how how);

/* Find the next line ending of the given style. */
EVENT2_EXPORT_SYMBOL struct evbuffer_ptr evbuffer_search_eol(struct evbuffer *buffer, struct evbuffer_ptr *start, size_t *eol_len_out, enum evbuffer_eol_style eol_style);

/* Fill vec_out with pointers into the stored data without copying. */
EVENT2_EXPORT_SYMBOL int evbuffer_peek(struct evbuffer *buffer, ev_ssize_t len, struct evbuffer_ptr *start_at, struct evbuffer_iovec *vec_out, int n_vec);

/* ---- Change callbacks ------------------------------------------------------- */

/* What changed since the callback last ran. */
struct evbuffer_cb_info {
	size_t orig_size;
	size_t n_added;
	size_t n_deleted;
};

typedef void (*evbuffer_cb_func)(struct evbuffer *buffer, const struct evbuffer_cb_info *info, void *arg);

/* Handle of a registered callback. */
struct evbuffer_cb_entry;

EVENT2_EXPORT_SYMBOL struct evbuffer_cb_entry *evbuffer_add_cb(struct evbuffer *buffer, evbuffer_cb_func cb, void *cbarg);
EVENT2_EXPORT_SYMBOL int evbuffer_remove_cb_entry(struct evbuffer *buffer, struct evbuffer_cb_entry *ent);
EVENT2_EXPORT_SYMBOL int evbuffer_remove_cb(struct evbuffer *buffer, evbuffer_cb_func cb, void *cbarg);

/* Callback flags. */
#define EVBUFFER_CB_ENABLED 1
EVENT2_EXPORT_SYMBOL int evbuffer_cb_set_flags(struct evbuffer *buffer, struct evbuffer_cb_entry *cb, ev_uint32_t flags);
EVENT2_EXPORT_SYMBOL int evbuffer_cb_clear_flags(struct evbuffer *buffer, struct evbuffer_cb_entry *cb, ev_uint32_t flags);

/* ---- Miscellaneous ----------------------------------------------------------- */

/* Make the first size bytes (-1: all) contiguous and return them. */
EVENT2_EXPORT_SYMBOL unsigned char *evbuffer_pullup(struct evbuffer *buf, ev_ssize_t size);

/* Insert data / a whole buffer at the front. */
EVENT2_EXPORT_SYMBOL int evbuffer_prepend(struct evbuffer *buf, const void *data, size_t size);
EVENT2_EXPORT_SYMBOL int evbuffer_prepend_buffer(struct evbuffer *dst, struct evbuffer *src);

/* Forbid / allow changes at the front (at_front != 0) or the end. */
EVENT2_EXPORT_SYMBOL int evbuffer_freeze(struct evbuffer *buf, int at_front);
EVENT2_EXPORT_SYMBOL int evbuffer_unfreeze(struct evbuffer *buf, int at_front);

/* Run change callbacks from the base's loop instead of immediately. */
EVENT2_EXPORT_SYMBOL int evbuffer_defer_callbacks(struct evbuffer *buffer, struct event_base *base);

/* Append copies of n_vec memory ranges; returns the bytes added. */
EVENT2_EXPORT_SYMBOL size_t evbuffer_add_iovec(struct evbuffer *buffer, struct evbuffer_iovec *vec, int n_vec);

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_BUFFER_H */
