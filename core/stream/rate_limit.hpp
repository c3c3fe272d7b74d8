// Token-bucket rate limiting of bufferevents, alone or in groups sharing
// one budget. Buckets refill once per tick (cfg->tick_timeout); a
// bufferevent whose bucket (or group bucket) is empty stops reading or
// writing until the refill.
#pragma once
#include <cstdint>

#include <event2/bufferevent.h>
#include <event2/event_struct.h>

#include "core/stream/stream.hpp"

struct ev_token_bucket_cfg {
	size_t read_rate, read_maximum;
	size_t write_rate, write_maximum;
	timeval tick_timeout;
	unsigned msec_per_tick;
};

namespace evcxx::stream {

// Bytes left in the current tick; may go negative after an overdraft.
struct Bucket {
	ev_ssize_t read_limit, write_limit;
	uint32_t last_updated; // tick number
};

struct RateLimit {
	const ev_token_bucket_cfg *cfg; // own limit, or nullptr
	Bucket limit;
	event refill; // fires at the next tick while a bucket is empty
	bufferevent_rate_limit_group *group;
	Stream *next_member;  // group membership
	Stream **prev_member;
};

// Largest read/write now allowed by max_single_read/write and the buckets
// (inline for the common bufferevent without rate limits).
ev_ssize_t limited_max(Stream *s, bool is_write);
inline ev_ssize_t read_max(Stream *s) { return s->rate ? limited_max(s, false) : s->max_single_read; }
inline ev_ssize_t write_max(Stream *s) { return s->rate ? limited_max(s, true) : s->max_single_write; }
// Charge bytes moved against the buckets (suspending I/O when they empty).
int charge_buckets(Stream *s, ev_ssize_t bytes, bool is_write);
inline int charge_read(Stream *s, ev_ssize_t bytes) { return s->rate ? charge_buckets(s, bytes, false) : 0; }
inline int charge_write(Stream *s, ev_ssize_t bytes) { return s->rate ? charge_buckets(s, bytes, true) : 0; }

// The object's last reference is gone: stop its timer and leave its group.
void detach_rate_limit(Stream *s);
// From the finalizer.
void release_rate_limit(Stream *s);

// event2/bufferevent.h rate-limit API.
ev_token_bucket_cfg *cfg_new(size_t read_rate, size_t read_burst, size_t write_rate,
                             size_t write_burst, const timeval *tick_len);
void cfg_free(ev_token_bucket_cfg *cfg);
int set_rate_limit(Stream *s, ev_token_bucket_cfg *cfg);
const ev_token_bucket_cfg *get_token_bucket_cfg(const Stream *s);
int set_max_single_read(Stream *s, size_t size);
int set_max_single_write(Stream *s, size_t size);
ev_ssize_t get_max_single_read(Stream *s);
ev_ssize_t get_max_single_write(Stream *s);
ev_ssize_t get_read_limit(Stream *s);
ev_ssize_t get_write_limit(Stream *s);
ev_ssize_t get_max_to_read(Stream *s);
ev_ssize_t get_max_to_write(Stream *s);
int decrement_read_limit(Stream *s, ev_ssize_t decr);
int decrement_write_limit(Stream *s, ev_ssize_t decr);

bufferevent_rate_limit_group *group_new(event_base *base, const ev_token_bucket_cfg *cfg);
int group_set_cfg(bufferevent_rate_limit_group *g, const ev_token_bucket_cfg *cfg);
int group_set_min_share(bufferevent_rate_limit_group *g, size_t share);
void group_free(bufferevent_rate_limit_group *g);
int add_to_group(Stream *s, bufferevent_rate_limit_group *g);
int remove_from_group(Stream *s);
ev_ssize_t group_get_read_limit(bufferevent_rate_limit_group *g);
ev_ssize_t group_get_write_limit(bufferevent_rate_limit_group *g);
int group_decrement_read(bufferevent_rate_limit_group *g, ev_ssize_t decr);
int group_decrement_write(bufferevent_rate_limit_group *g, ev_ssize_t decr);
void group_get_totals(bufferevent_rate_limit_group *g, uint64_t *read_out, uint64_t *written_out);
void group_reset_totals(bufferevent_rate_limit_group *g);

} // namespace evcxx::stream
