/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/tag.h: tag/length/value encoding of data in an evbuffer (the wire
 * format used by the RPC layer). */
#ifndef EVCXX_EVENT2_TAG_H
#define EVCXX_EVENT2_TAG_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_TAG_H_INCLUDED_

#include <event2/visibility.h>
#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <event2/util.h>

#ifdef __cplusplus
extern "C" {
#endif

struct evbuffer;

/* Kept for compatibility; does nothing that callers need. */
EVENT2_EXPORT_SYMBOL void evtag_init(void);

/* Read a tag and its length header; returns the payload length or -1. */
EVENT2_EXPORT_SYMBOL int evtag_unmarshal_header(struct evbuffer *evbuf, ev_uint32_t *ptag);

/* ---- Encoding --------------------------------------------------------------- */

/* Append tag + length + raw bytes / the content of another buffer. */
EVENT2_EXPORT_SYMBOL void evtag_marshal(struct evbuffer *evbuf, ev_uint32_t tag, const void *data, ev_uint32_t len);
EVENT2_EXPORT_SYMBOL void evtag_marshal_buffer(struct evbuffer *evbuf, ev_uint32_t tag, struct evbuffer *data);

/* Append a variable-length integer without a tag. */
EVENT2_EXPORT_SYMBOL void evtag_encode_int(struct evbuffer *evbuf, ev_uint32_t number);
EVENT2_EXPORT_SYMBOL void evtag_encode_int64(struct evbuffer *evbuf, ev_uint64_t number);

/* Append tagged integers, strings and timevals. */
EVENT2_EXPORT_SYMBOL void evtag_marshal_int(struct evbuffer *evbuf, ev_uint32_t tag, ev_uint32_t integer);
EVENT2_EXPORT_SYMBOL void evtag_marshal_int64(struct evbuffer *evbuf, ev_uint32_t tag, ev_uint64_t integer);
EVENT2_EXPORT_SYMBOL void evtag_marshal_string(struct evbuffer *buf, ev_uint32_t tag, const char *string);
EVENT2_EXPORT_SYMBOL void evtag_marshal_timeval(struct evbuffer *evbuf, ev_uint32_t tag, struct timeval *tv);

/* ---- Decoding --------------------------------------------------------------- */

/* Remove one tagged record, moving its payload into dst. */
EVENT2_EXPORT_SYMBOL int evtag_unmarshal(struct evbuffer *src, ev_uint32_t *ptag, struct evbuffer *dst);

/* Look at the next record without removing it. */
EVENT2_EXPORT_SYMBOL int evtag_peek(struct evbuffer *evbuf, ev_uint32_t *ptag);
EVENT2_EXPORT_SYMBOL int evtag_peek_length(struct evbuffer *evbuf, ev_uint32_t *plength);
EVENT2_EXPORT_SYMBOL int evtag_payload_length(struct evbuffer *evbuf, ev_uint32_t *plength);

/* Skip the next record. */
EVENT2_EXPORT_SYMBOL int evtag_consume(struct evbuffer *evbuf);

/* Remove the next record, which must carry need_tag, decoding its payload. */
EVENT2_EXPORT_SYMBOL int evtag_unmarshal_int(struct evbuffer *evbuf, ev_uint32_t need_tag, ev_uint32_t *pinteger);
EVENT2_EXPORT_SYMBOL int evtag_unmarshal_int64(struct evbuffer *evbuf, ev_uint32_t need_tag, ev_uint64_t *pinteger);
EVENT2_EXPORT_SYMBOL int evtag_unmarshal_fixed(struct evbuffer *src, ev_uint32_t need_tag, void *data, size_t len);
EVENT2_EXPORT_SYMBOL int evtag_unmarshal_string(struct evbuffer *evbuf, ev_uint32_t need_tag, char **pstring);
EVENT2_EXPORT_SYMBOL int evtag_unmarshal_timeval(struct evbuffer *evbuf, ev_uint32_t need_tag, struct timeval *ptv);

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_TAG_H */
