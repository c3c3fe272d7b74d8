/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/bufferevent.h: buffered I/O objects (struct bufferevent) over
 * sockets, filters and in-process pairs, with watermarks, timeouts and rate
 * limiting. */
#ifndef EVCXX_EVENT2_BUFFEREVENT_H
#define EVCXX_EVENT2_BUFFEREVENT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_BUFFEREVENT_H_INCLUDED_

#include <event2/visibility.h>
#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <event2/util.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bits of the "what" argument of a bufferevent_event_cb. */
#define BEV_EVENT_READING 0x01		/* while reading */
#define BEV_EVENT_WRITING 0x02		/* while writing */
#define BEV_EVENT_EOF 0x10		/* end of file */
#define BEV_EVENT_ERROR 0x20		/* error, see EVUTIL_SOCKET_ERROR() */
#define BEV_EVENT_TIMEOUT 0x40		/* read/write timeout */
#define BEV_EVENT_CONNECTED 0x80	/* connect finished */

/* Opaque handles. */
struct bufferevent;
struct event_base;
struct evbuffer;
struct sockaddr;
struct evdns_base;
struct ev_token_bucket_cfg;
struct bufferevent_rate_limit_group;

/* Data became readable/was written, and error/EOF/connect notifications. */
typedef void (*bufferevent_data_cb)(struct bufferevent *bev, void *ctx);
typedef void (*bufferevent_event_cb)(struct bufferevent *bev, short what, void *ctx);

/* Creation options. */
enum bufferevent_options {
	BEV_OPT_CLOSE_ON_FREE = (1<<0),
	BEV_OPT_THREADSAFE = (1<<1),
	BEV_OPT_DEFER_CALLBACKS = (1<<2),
	BEV_OPT_UNLOCK_CALLBACKS = (1<<3)
};

/* ---- Socket bufferevents --------------------------------------------------- */

/* Wrap fd (-1: set later or by connect). */
EVENT2_EXPORT_SYMBOL struct bufferevent *bufferevent_socket_new(struct event_base *base, evutil_socket_t fd, int options);
/* Start a non-blocking connect to an address / to a name resolved via evdns. */
EVENT2_EXPORT_SYMBOL int bufferevent_socket_connect(struct bufferevent *, const struct sockaddr *, int);
EVENT2_EXPORT_SYMBOL int bufferevent_socket_connect_hostname(struct bufferevent *, struct evdns_base *, int, const char *, int);
/* getaddrinfo-style error of the last failed name lookup. */
EVENT2_EXPORT_SYMBOL int bufferevent_socket_get_dns_error(struct bufferevent *bev);

/* ---- Common operations ---------------------------------------------------- */

EVENT2_EXPORT_SYMBOL int bufferevent_base_set(struct event_base *base, struct bufferevent *bufev);
EVENT2_EXPORT_SYMBOL struct event_base *bufferevent_get_base(struct bufferevent *bev);
EVENT2_EXPORT_SYMBOL int bufferevent_priority_set(struct bufferevent *bufev, int pri);
EVENT2_EXPORT_SYMBOL int bufferevent_get_priority(const struct bufferevent *bufev);
EVENT2_EXPORT_SYMBOL void bufferevent_free(struct bufferevent *bufev);

/* Set / fetch the callbacks and their argument. */
EVENT2_EXPORT_SYMBOL void bufferevent_setcb(struct bufferevent *bufev, bufferevent_data_cb readcb, bufferevent_data_cb writecb, bufferevent_event_cb eventcb, void *cbarg);
EVENT2_EXPORT_SYMBOL void bufferevent_getcb(struct bufferevent *bufev, bufferevent_data_cb *readcb_ptr, bufferevent_data_cb *writecb_ptr, bufferevent_event_cb *eventcb_ptr, void **cbarg_ptr);

/* The underlying descriptor / bufferevent. */
EVENT2_EXPORT_SYMBOL int bufferevent_setfd(struct bufferevent *bufev, evutil_socket_t fd);
EVENT2_EXPORT_SYMBOL evutil_socket_t bufferevent_getfd(struct bufferevent *bufev);
EVENT2_EXPORT_SYMBOL struct bufferevent *bufferevent_get_underlying(struct bufferevent *bufev);

/* Queue output / take input. */
EVENT2_EXPORT_SYMBOL int bufferevent_write(struct bufferevent *bufev, const void *data, size_t size);
EVENT2_EXPORT_SYMBOL int bufferevent_write_buffer(struct bufferevent *bufev, struct evbuffer *buf);
EVENT2_EXPORT_SYMBOL size_t bufferevent_read(struct bufferevent *bufev, void *data, size_t size);
EVENT2_EXPORT_SYMBOL int bufferevent_read_buffer(struct bufferevent *bufev, struct evbuffer *buf);

/* The input and output buffers. */
EVENT2_EXPORT_SYMBOL struct evbuffer *bufferevent_get_input(struct bufferevent *bufev);
EVENT2_EXPORT_SYMBOL struct evbuffer *bufferevent_get_output(struct bufferevent *bufev);

/* Turn reading/writing (EV_READ/EV_WRITE) on or off, and query it. */
EVENT2_EXPORT_SYMBOL int bufferevent_enable(struct bufferevent *bufev, short event);
EVENT2_EXPORT_SYMBOL int bufferevent_disable(struct bufferevent *bufev, short event);
EVENT2_EXPORT_SYMBOL short bufferevent_get_enabled(struct bufferevent *bufev);

/* Read/write inactivity timeouts (NULL: none). */
EVENT2_EXPORT_SYMBOL int bufferevent_set_timeouts(struct bufferevent *bufev, const struct timeval *timeout_read, const struct timeval *timeout_write);

/* Low/high watermarks for EV_READ and/or EV_WRITE. */
EVENT2_EXPORT_SYMBOL void bufferevent_setwatermark(struct bufferevent *bufev, short events, size_t lowmark, size_t highmark);
EVENT2_EXPORT_SYMBOL int bufferevent_getwatermark(struct bufferevent *bufev, short events, size_t *lowmark, size_t *highmark);

/* Lock and reference counting. */
EVENT2_EXPORT_SYMBOL void bufferevent_lock(struct bufferevent *bufev);
EVENT2_EXPORT_SYMBOL void bufferevent_unlock(struct bufferevent *bufev);
EVENT2_EXPORT_SYMBOL void bufferevent_incref(struct bufferevent *bufev);
EVENT2_EXPORT_SYMBOL int bufferevent_decref(struct bufferevent *bufev);

/* How hard bufferevent_flush() and filters should push data. */
enum bufferevent_flush_mode {
	BEV_NORMAL = 0,
	BEV_FLUSH = 1,
	BEV_FINISHED = 2
};
EVENT2_EXPORT_SYMBOL int bufferevent_flush(struct bufferevent *bufev, short iotype, enum bufferevent_flush_mode mode);

/* Options for bufferevent_trigger()/bufferevent_trigger_event(). */
enum bufferevent_trigger_options {
	BEV_TRIG_IGNORE_WATERMARKS = (1<<16),
	BEV_TRIG_DEFER_CALLBACKS = BEV_OPT_DEFER_CALLBACKS
};
/* Invoke the read/write callbacks / the event callback by hand. */
EVENT2_EXPORT_SYMBOL void bufferevent_trigger(struct bufferevent *bufev, short iotype, int options);
EVENT2_EXPORT_SYMBOL void bufferevent_trigger_event(struct bufferevent *bufev, short what, int options);

/* ---- Filtering bufferevents ---------------------------------------------- */

/* Outcome of one filter run. */
enum bufferevent_filter_result {
	BEV_OK = 0,
	BEV_NEED_MORE = 1,
	BEV_ERROR = 2
};

/* Transform bytes from src into dst (at most dst_limit if not negative). */
typedef enum bufferevent_filter_result (*bufferevent_filter_cb)(struct evbuffer *src, struct evbuffer *dst, ev_ssize_t dst_limit, enum bufferevent_flush_mode mode, void *ctx);

EVENT2_EXPORT_SYMBOL struct bufferevent *bufferevent_filter_new(struct bufferevent *underlying, bufferevent_filter_cb input_filter, bufferevent_filter_cb output_filter, int options, void (*free_context)(void *), void *ctx);

/* ---- Paired bufferevents ---------------------------------------------------- */

/* Two connected bufferevents: what one writes, the other reads. */
EVENT2_EXPORT_SYMBOL int bufferevent_pair_new(struct event_base *base, int options, struct bufferevent *pair[2]);
EVENT2_EXPORT_SYMBOL struct bufferevent *bufferevent_pair_get_partner(struct bufferevent *bev);

/* ---- Rate limiting ------------------------------------------------------------ */

/* Largest rate or burst accepted. */
#define EV_RATE_LIMIT_MAX EV_SSIZE_MAX

/* Token-bucket parameters (tick_len NULL: one second). */
EVENT2_EXPORT_SYMBOL struct ev_token_bucket_cfg *ev_token_bucket_cfg_new(size_t read_rate, size_t read_burst, size_t write_rate, size_t write_burst, const struct timeval *tick_len);
EVENT2_EXPORT_SYMBOL void ev_token_bucket_cfg_free(struct ev_token_bucket_cfg *cfg);

/* Limit one bufferevent (cfg NULL: unlimited). */
EVENT2_EXPORT_SYMBOL int bufferevent_set_rate_limit(struct bufferevent *bev, struct ev_token_bucket_cfg *cfg);

/* Groups of bufferevents sharing one budget. */
EVENT2_EXPORT_SYMBOL struct bufferevent_rate_limit_group *bufferevent_rate_limit_group_new(struct event_base *base, const struct ev_token_bucket_cfg *cfg);
EVENT2_EXPORT_SYMBOL int bufferevent_rate_limit_group_set_cfg(struct bufferevent_rate_limit_group *, const struct ev_token_bucket_cfg *);
EVENT2_EXPORT_SYMBOL int bufferevent_rate_limit_group_set_min_share(struct bufferevent_rate_limit_group *, size_t);
EVENT2_EXPORT_SYMBOL void bufferevent_rate_limit_group_free(struct bufferevent_rate_limit_group *);
EVENT2_EXPORT_SYMBOL int bufferevent_add_to_rate_limit_group(struct bufferevent *bev, struct bufferevent_rate_limit_group *g);
EVENT2_EXPORT_SYMBOL int bufferevent_remove_from_rate_limit_group(struct bufferevent *bev);

/* Per-operation read/write size caps. */
EVENT2_EXPORT_SYMBOL int bufferevent_set_max_single_read(struct bufferevent *bev, size_t size);
EVENT2_EXPORT_SYMBOL int bufferevent_set_max_single_write(struct bufferevent *bev, size_t size);
EVENT2_EXPORT_SYMBOL ev_ssize_t bufferevent_get_max_single_read(struct bufferevent *bev);
EVENT2_EXPORT_SYMBOL ev_ssize_t bufferevent_get_max_single_write(struct bufferevent *bev);

/* Remaining budget of a bufferevent. */
EVENT2_EXPORT_SYMBOL ev_ssize_t bufferevent_get_read_limit(struct bufferevent *bev);
EVENT2_EXPORT_SYMBOL ev_ssize_t bufferevent_get_write_limit(struct bufferevent *bev);
EVENT2_EXPORT_SYMBOL ev_ssize_t bufferevent_get_max_to_read(struct bufferevent *bev);
EVENT2_EXPORT_SYMBOL ev_ssize_t bufferevent_get_max_to_write(struct bufferevent *bev);
EVENT2_EXPORT_SYMBOL const struct ev_token_bucket_cfg *bufferevent_get_token_bucket_cfg(const struct bufferevent *bev);

/* Remaining budget of a group. */
EVENT2_EXPORT_SYMBOL ev_ssize_t bufferevent_rate_limit_group_get_read_limit(struct bufferevent_rate_limit_group *);
EVENT2_EXPORT_SYMBOL ev_ssize_t bufferevent_rate_limit_group_get_write_limit(struct bufferevent_rate_limit_group *);

/* Charge bytes transferred outside the bufferevent against the budget. */
EVENT2_EXPORT_SYMBOL int bufferevent_decrement_read_limit(struct bufferevent *bev, ev_ssize_t decr);
EVENT2_EXPORT_SYMBOL int bufferevent_decrement_write_limit(struct bufferevent *bev, ev_ssize_t decr);
EVENT2_EXPORT_SYMBOL int bufferevent_rate_limit_group_decrement_read(struct bufferevent_rate_limit_group *, ev_ssize_t);
EVENT2_EXPORT_SYMBOL int bufferevent_rate_limit_group_decrement_write(struct bufferevent_rate_limit_group *, ev_ssize_t);

/* Bytes moved by a group since creation or the last reset. */
EVENT2_EXPORT_SYMBOL void bufferevent_rate_limit_group_get_totals(struct bufferevent_rate_limit_group *grp, ev_uint64_t *total_read_out, ev_uint64_t *total_written_out);
EVENT2_EXPORT_SYMBOL void bufferevent_rate_limit_group_reset_totals(struct bufferevent_rate_limit_group *grp);

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_BUFFEREVENT_H */
