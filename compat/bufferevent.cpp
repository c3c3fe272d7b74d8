// extern "C" facade of event2/bufferevent.h. A NULL bufferevent (or group)
// is refused with a Warn log instead of crashing.
#include <event2/buffer.h>
#include <event2/bufferevent.h>

#include "core/buffer/buffer.hpp"
#include "core/stream/filter.hpp"
#include "core/stream/pair.hpp"
#include "core/stream/rate_limit.hpp"
#include "core/stream/socket.hpp"
#include "core/stream/stream.hpp"
#include "compat/null_args.hpp"
#include "core/util/log.hpp"

using namespace evcxx;
using stream::from;

using facade::missing;

extern "C" {

struct bufferevent *bufferevent_socket_new(struct event_base *base, evutil_socket_t fd, int options)
{
	stream::Stream *s = stream::socket_new(base, fd, options);
	return s ? stream::pub(s) : nullptr;
}

int bufferevent_socket_connect(struct bufferevent *bev, const struct sockaddr *sa, int socklen)
{
	if (missing(bev, __func__))
		return -1;
	return stream::socket_connect(from(bev), sa, socklen);
}

int bufferevent_socket_connect_hostname(struct bufferevent *bev, struct evdns_base *dns, int family,
                                        const char *hostname, int port)
{
	if (missing(bev, __func__))
		return -1;
	return stream::socket_connect_hostname(from(bev), dns, family, hostname, port);
}

int bufferevent_socket_get_dns_error(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return -1;
	return stream::socket_get_dns_error(from(bev));
}

int bufferevent_base_set(struct event_base *base, struct bufferevent *bufev)
{
	if (missing(bufev, __func__) || missing(base, __func__))
		return -1;
	return stream::socket_base_set(base, from(bufev));
}

struct event_base *bufferevent_get_base(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return nullptr;
	return bev->ev_base;
}

int bufferevent_priority_set(struct bufferevent *bufev, int pri)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::socket_priority_set(from(bufev), pri);
}

int bufferevent_get_priority(const struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::get_priority(from(bufev));
}

void bufferevent_free(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return;
	stream::free_stream(from(bufev));
}

void bufferevent_setcb(struct bufferevent *bufev, bufferevent_data_cb readcb, bufferevent_data_cb writecb,
                       bufferevent_event_cb eventcb, void *cbarg)
{
	if (missing(bufev, __func__))
		return;
	stream::setcb(from(bufev), readcb, writecb, eventcb, cbarg);
}

void bufferevent_getcb(struct bufferevent *bufev, bufferevent_data_cb *readcb_ptr, bufferevent_data_cb *writecb_ptr,
                       bufferevent_event_cb *eventcb_ptr, void **cbarg_ptr)
{
	if (missing(bufev, __func__))
		return;
	stream::getcb(from(bufev), readcb_ptr, writecb_ptr, eventcb_ptr, cbarg_ptr);
}

int bufferevent_setfd(struct bufferevent *bufev, evutil_socket_t fd)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::set_fd(from(bufev), fd);
}

evutil_socket_t bufferevent_getfd(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::get_fd(from(bufev));
}

struct bufferevent *bufferevent_get_underlying(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return nullptr;
	return stream::get_underlying(from(bufev));
}

int bufferevent_write(struct bufferevent *bufev, const void *data, size_t size)
{
	if (missing(bufev, __func__) || (size && missing(data, __func__)))
		return -1;
	return buffer::add(bufev->output, data, size) == -1 ? -1 : 0;
}

int bufferevent_write_buffer(struct bufferevent *bufev, struct evbuffer *buf)
{
	if (missing(bufev, __func__))
		return -1;
	return evbuffer_add_buffer(bufev->output, buf) == -1 ? -1 : 0;
}

size_t bufferevent_read(struct bufferevent *bufev, void *data, size_t size)
{
	if (missing(bufev, __func__))
		return 0;
	if (size && missing(data, __func__))
		return static_cast<size_t>(-1); // evbuffer_remove's refusal, as upstream passes it on
	return static_cast<size_t>(buffer::remove(bufev->input, data, size));
}

int bufferevent_read_buffer(struct bufferevent *bufev, struct evbuffer *buf)
{
	if (missing(bufev, __func__))
		return -1;
	return evbuffer_add_buffer(buf, bufev->input);
}

struct evbuffer *bufferevent_get_input(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return nullptr;
	return bufev->input;
}

struct evbuffer *bufferevent_get_output(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return nullptr;
	return bufev->output;
}

int bufferevent_enable(struct bufferevent *bufev, short event)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::enable(from(bufev), event);
}

int bufferevent_disable(struct bufferevent *bufev, short event)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::disable(from(bufev), event);
}

short bufferevent_get_enabled(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return 0;
	return stream::get_enabled(from(bufev));
}

int bufferevent_set_timeouts(struct bufferevent *bufev, const struct timeval *timeout_read,
                             const struct timeval *timeout_write)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::set_timeouts(from(bufev), timeout_read, timeout_write);
}

void bufferevent_setwatermark(struct bufferevent *bufev, short events, size_t lowmark, size_t highmark)
{
	if (missing(bufev, __func__))
		return;
	stream::set_watermark(from(bufev), events, lowmark, highmark);
}

int bufferevent_getwatermark(struct bufferevent *bufev, short events, size_t *lowmark, size_t *highmark)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::get_watermark(from(bufev), events, lowmark, highmark);
}

void bufferevent_lock(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return;
	stream::lock(from(bufev));
}

void bufferevent_unlock(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return;
	stream::unlock(from(bufev));
}

void bufferevent_incref(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return;
	stream::incref(from(bufev));
}

int bufferevent_decref(struct bufferevent *bufev)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::decref(from(bufev)) ? 1 : 0;
}

int bufferevent_flush(struct bufferevent *bufev, short iotype, enum bufferevent_flush_mode mode)
{
	if (missing(bufev, __func__))
		return -1;
	return stream::flush(from(bufev), iotype, mode);
}

void bufferevent_trigger(struct bufferevent *bufev, short iotype, int options)
{
	if (missing(bufev, __func__))
		return;
	stream::trigger(from(bufev), iotype, options);
}

void bufferevent_trigger_event(struct bufferevent *bufev, short what, int options)
{
	if (missing(bufev, __func__))
		return;
	stream::trigger_event(from(bufev), what, options);
}

struct bufferevent *bufferevent_filter_new(struct bufferevent *underlying, bufferevent_filter_cb input_filter,
                                           bufferevent_filter_cb output_filter, int options,
                                           void (*free_context)(void *), void *ctx)
{
	// No log here: upstream refuses a NULL underlying silently.
	stream::Stream *s = stream::filter_new(underlying ? from(underlying) : nullptr, input_filter, output_filter, options, free_context, ctx);
	return s ? stream::pub(s) : nullptr;
}

int bufferevent_pair_new(struct event_base *base, int options, struct bufferevent *pair[2])
{
	if (missing(pair, __func__))
		return -1;
	return stream::pair_new(base, options, pair);
}

struct bufferevent *bufferevent_pair_get_partner(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return nullptr;
	return stream::pair_get_partner(from(bev));
}

struct ev_token_bucket_cfg *ev_token_bucket_cfg_new(size_t read_rate, size_t read_burst, size_t write_rate,
                                                    size_t write_burst, const struct timeval *tick_len)
{
	return stream::cfg_new(read_rate, read_burst, write_rate, write_burst, tick_len);
}

void ev_token_bucket_cfg_free(struct ev_token_bucket_cfg *cfg) { stream::cfg_free(cfg); }

int bufferevent_set_rate_limit(struct bufferevent *bev, struct ev_token_bucket_cfg *cfg)
{
	if (missing(bev, __func__))
		return -1;
	return stream::set_rate_limit(from(bev), cfg);
}

struct bufferevent_rate_limit_group *bufferevent_rate_limit_group_new(struct event_base *base,
                                                                      const struct ev_token_bucket_cfg *cfg)
{
	return stream::group_new(base, cfg);
}

int bufferevent_rate_limit_group_set_cfg(struct bufferevent_rate_limit_group *g, const struct ev_token_bucket_cfg *cfg)
{
	return stream::group_set_cfg(g, cfg);
}

int bufferevent_rate_limit_group_set_min_share(struct bufferevent_rate_limit_group *g, size_t share)
{
	if (missing(g, __func__))
		return -1;
	return stream::group_set_min_share(g, share);
}

void bufferevent_rate_limit_group_free(struct bufferevent_rate_limit_group *g)
{
	if (missing(g, __func__))
		return;
	stream::group_free(g);
}

int bufferevent_add_to_rate_limit_group(struct bufferevent *bev, struct bufferevent_rate_limit_group *g)
{
	if (missing(bev, __func__) || missing(g, __func__))
		return -1;
	return stream::add_to_group(from(bev), g);
}

int bufferevent_remove_from_rate_limit_group(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return -1;
	return stream::remove_from_group(from(bev));
}

int bufferevent_set_max_single_read(struct bufferevent *bev, size_t size)
{
	if (missing(bev, __func__))
		return -1;
	return stream::set_max_single_read(from(bev), size);
}

int bufferevent_set_max_single_write(struct bufferevent *bev, size_t size)
{
	if (missing(bev, __func__))
		return -1;
	return stream::set_max_single_write(from(bev), size);
}

ev_ssize_t bufferevent_get_max_single_read(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return -1;
	return stream::get_max_single_read(from(bev));
}

ev_ssize_t bufferevent_get_max_single_write(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return -1;
	return stream::get_max_single_write(from(bev));
}

ev_ssize_t bufferevent_get_read_limit(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return -1;
	return stream::get_read_limit(from(bev));
}

ev_ssize_t bufferevent_get_write_limit(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return -1;
	return stream::get_write_limit(from(bev));
}

ev_ssize_t bufferevent_get_max_to_read(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return -1;
	return stream::get_max_to_read(from(bev));
}

ev_ssize_t bufferevent_get_max_to_write(struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return -1;
	return stream::get_max_to_write(from(bev));
}

const struct ev_token_bucket_cfg *bufferevent_get_token_bucket_cfg(const struct bufferevent *bev)
{
	if (missing(bev, __func__))
		return nullptr;
	return stream::get_token_bucket_cfg(from(bev));
}

ev_ssize_t bufferevent_rate_limit_group_get_read_limit(struct bufferevent_rate_limit_group *g)
{
	if (missing(g, __func__))
		return -1;
	return stream::group_get_read_limit(g);
}

ev_ssize_t bufferevent_rate_limit_group_get_write_limit(struct bufferevent_rate_limit_group *g)
{
	if (missing(g, __func__))
		return -1;
	return stream::group_get_write_limit(g);
}

int bufferevent_decrement_read_limit(struct bufferevent *bev, ev_ssize_t decr)
{
	if (missing(bev, __func__))
		return -1;
	return stream::decrement_read_limit(from(bev), decr);
}

int bufferevent_decrement_write_limit(struct bufferevent *bev, ev_ssize_t decr)
{
	if (missing(bev, __func__))
		return -1;
	return stream::decrement_write_limit(from(bev), decr);
}

int bufferevent_rate_limit_group_decrement_read(struct bufferevent_rate_limit_group *g, ev_ssize_t decr)
{
	if (missing(g, __func__))
		return -1;
	return stream::group_decrement_read(g, decr);
}

int bufferevent_rate_limit_group_decrement_write(struct bufferevent_rate_limit_group *g, ev_ssize_t decr)
{
	if (missing(g, __func__))
		return -1;
	return stream::group_decrement_write(g, decr);
}

void bufferevent_rate_limit_group_get_totals(struct bufferevent_rate_limit_group *grp, ev_uint64_t *total_read_out,
                                             ev_uint64_t *total_written_out)
{
	if (missing(grp, __func__))
		return;
	stream::group_get_totals(grp, total_read_out, total_written_out);
}

void bufferevent_rate_limit_group_reset_totals(struct bufferevent_rate_limit_group *grp)
{
	if (missing(grp, __func__))
		return;
	stream::group_reset_totals(grp);
}

} // extern "C"
