#include "core/stream/rate_limit.hpp"

#include <climits>

#include "core/loop/base.hpp"
#include "core/thread/lock.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

struct bufferevent_rate_limit_group {
	evcxx::stream::Stream *members; // newest first
	int n_members;
	ev_token_bucket_cfg cfg;
	evcxx::stream::Bucket limit;
	bool read_suspended, write_suspended;
	// Members the last unsuspension could not lock; retried next tick.
	bool pending_unsuspend_read, pending_unsuspend_write;
	uint64_t total_read, total_written;
	ev_ssize_t min_share;        // after clamping to the rates
	size_t configured_min_share; // as the application asked
	event master_refill;         // persistent, one tick
	void *lock;
	uint32_t rand_state; // start point of unsuspension, for fairness
};

namespace evcxx::stream {

namespace {

constexpr size_t kDefaultMinShare = 64;
constexpr ev_ssize_t kSsizeMax = EV_SSIZE_MAX;

using Group = bufferevent_rate_limit_group;

void lock_group(Group *g) { thread::lock(g->lock); }
void unlock_group(Group *g) { thread::unlock(g->lock); }

// Group and bufferevent locks nest the other way round in the refill path,
// so members are only tried there.
bool try_lock(Stream *s)
{
	return !s->lock || thread::lock_fns.lock(EVTHREAD_TRY, s->lock) == 0;
}

uint32_t tick_of(event_base *base, const ev_token_bucket_cfg *cfg)
{
	timeval now{};
	event_base_gettimeofday_cached(base, &now);
	const uint64_t msec = static_cast<uint64_t>(now.tv_sec) * 1000 + static_cast<uint64_t>(now.tv_usec) / 1000;
	return static_cast<uint32_t>(msec / cfg->msec_per_tick);
}

// A new bucket starts one tick's worth full; a reconfigured one only
// shrinks to the new burst (this tick's budget may be spent already).
void bucket_init(Bucket *b, const ev_token_bucket_cfg *cfg, uint32_t tick, bool reconfigure)
{
	if (reconfigure) {
		if (b->read_limit > static_cast<ev_ssize_t>(cfg->read_maximum))
			b->read_limit = static_cast<ev_ssize_t>(cfg->read_maximum);
		if (b->write_limit > static_cast<ev_ssize_t>(cfg->write_maximum))
			b->write_limit = static_cast<ev_ssize_t>(cfg->write_maximum);
	} else {
		b->read_limit = static_cast<ev_ssize_t>(cfg->read_rate);
		b->write_limit = static_cast<ev_ssize_t>(cfg->write_rate);
		b->last_updated = tick;
	}
}

// Add the rate for each tick since the last update, up to the burst,
// without overflowing.
void refill_one(ev_ssize_t *limit, size_t rate, size_t maximum, unsigned n_ticks)
{
	if ((maximum - static_cast<size_t>(*limit)) / n_ticks < rate)
		*limit = static_cast<ev_ssize_t>(maximum);
	else
		*limit += static_cast<ev_ssize_t>(n_ticks * rate);
}

void bucket_update(Bucket *b, const ev_token_bucket_cfg *cfg, uint32_t tick)
{
	const unsigned n_ticks = tick - b->last_updated; // wraps harmlessly
	if (n_ticks == 0 || n_ticks > INT_MAX)
		return;
	refill_one(&b->read_limit, cfg->read_rate, cfg->read_maximum, n_ticks);
	refill_one(&b->write_limit, cfg->write_rate, cfg->write_maximum, n_ticks);
	b->last_updated = tick;
}

void update_own_bucket(Stream *s)
{
	const uint32_t tick = tick_of(s->pub.ev_base, s->rate->cfg);
	if (tick != s->rate->limit.last_updated)
		bucket_update(&s->rate->limit, s->rate->cfg, tick);
}

void arm_refill(Stream *s) { loop::add(&s->rate->refill, &s->rate->cfg->tick_timeout); }

void group_suspend(Group *g, bool is_write)
{
	(is_write ? g->write_suspended : g->read_suspended) = true;
	(is_write ? g->pending_unsuspend_write : g->pending_unsuspend_read) = false;
	for (Stream *m = g->members; m; m = m->rate->next_member) {
		if (try_lock(m)) {
			suspend(m, is_write ? EV_WRITE : EV_READ, kSuspendGroup);
			unlock(m);
		}
	}
}

void group_unsuspend(Group *g, bool is_write)
{
	(is_write ? g->write_suspended : g->read_suspended) = false;
	bool again = false;
	auto resume = [&](Stream *m) {
		if (try_lock(m)) {
			unsuspend(m, is_write ? EV_WRITE : EV_READ, kSuspendGroup);
			unlock(m);
		} else {
			again = true;
		}
	};
	// Start at a random member and wrap around, so no member always goes first.
	Stream *first = g->members;
	if (g->n_members > 0) {
		g->rand_state = g->rand_state * 1103515245u + 12345u;
		for (uint32_t n = (g->rand_state >> 16) % static_cast<uint32_t>(g->n_members); n && first; --n)
			first = first->rate->next_member;
	}
	for (Stream *m = first; m; m = m->rate->next_member)
		resume(m);
	for (Stream *m = g->members; m && m != first; m = m->rate->next_member)
		resume(m);
	(is_write ? g->pending_unsuspend_write : g->pending_unsuspend_read) = again;
}

ev_ssize_t rlim_max(Stream *s, bool is_write)
{
	ev_ssize_t max = is_write ? s->max_single_write : s->max_single_read;
	RateLimit *r = s->rate;
	if (!r)
		return max;
	if (r->cfg) {
		update_own_bucket(s);
		max = is_write ? r->limit.write_limit : r->limit.read_limit;
	}
	if (Group *g = r->group) {
		ev_ssize_t share;
		lock_group(g);
		if (is_write ? g->write_suspended : g->read_suspended) {
			// The group emptied while this member could not be locked.
			suspend(s, is_write ? EV_WRITE : EV_READ, kSuspendGroup);
			share = 0;
		} else {
			share = (is_write ? g->limit.write_limit : g->limit.read_limit) / g->n_members;
			if (share < g->min_share)
				share = g->min_share;
		}
		unlock_group(g);
		if (max > share)
			max = share;
	}
	return max < 0 ? 0 : max;
}

int charge(Stream *s, ev_ssize_t bytes, bool is_write)
{
	RateLimit *r = s->rate;
	if (!r)
		return 0;
	int result = 0;
	if (r->cfg) {
		ev_ssize_t &limit = is_write ? r->limit.write_limit : r->limit.read_limit;
		const uint8_t mine = is_write ? s->write_suspended : s->read_suspended;
		const uint8_t other = is_write ? s->read_suspended : s->write_suspended;
		limit -= bytes;
		if (limit <= 0) {
			suspend(s, is_write ? EV_WRITE : EV_READ, kSuspendBandwidth);
			if (loop::add(&r->refill, &r->cfg->tick_timeout) < 0)
				result = -1;
		} else if (mine & kSuspendBandwidth) {
			if (!(other & kSuspendBandwidth))
				loop::del(&r->refill, loop::DelWait::Auto);
			unsuspend(s, is_write ? EV_WRITE : EV_READ, kSuspendBandwidth);
		}
	}
	if (Group *g = r->group) {
		lock_group(g);
		ev_ssize_t &limit = is_write ? g->limit.write_limit : g->limit.read_limit;
		limit -= bytes;
		(is_write ? g->total_written : g->total_read) += static_cast<uint64_t>(bytes);
		if (limit <= 0)
			group_suspend(g, is_write);
		else if (is_write ? g->write_suspended : g->read_suspended)
			group_unsuspend(g, is_write);
		unlock_group(g);
	}
	return result;
}

// One tick after a bucket emptied: refill and resume what it held off.
void refill_cb(evutil_socket_t, short, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	lock(s);
	RateLimit *r = s->rate;
	if (r && r->cfg) {
		bucket_update(&r->limit, r->cfg, tick_of(s->pub.ev_base, r->cfg));
		bool again = false;
		if (s->read_suspended & kSuspendBandwidth) {
			if (r->limit.read_limit > 0)
				unsuspend_read(s, kSuspendBandwidth);
			else
				again = true;
		}
		if (s->write_suspended & kSuspendBandwidth) {
			if (r->limit.write_limit > 0)
				unsuspend_write(s, kSuspendBandwidth);
			else
				again = true;
		}
		if (again) // the bucket was overdrawn by more than a tick
			arm_refill(s);
	}
	unlock(s);
}

void group_refill_cb(evutil_socket_t, short, void *arg)
{
	auto *g = static_cast<Group *>(arg);
	lock_group(g);
	bucket_update(&g->limit, &g->cfg, tick_of(g->master_refill.ev_base, &g->cfg));
	if (g->pending_unsuspend_read || (g->read_suspended && g->limit.read_limit >= g->min_share))
		group_unsuspend(g, false);
	if (g->pending_unsuspend_write || (g->write_suspended && g->limit.write_limit >= g->min_share))
		group_unsuspend(g, true);
	unlock_group(g);
}

RateLimit *ensure_rate(Stream *s)
{
	if (s->rate)
		return s->rate;
	auto *r = static_cast<RateLimit *>(mm::zalloc(1, sizeof(RateLimit)));
	if (!r)
		return nullptr;
	loop::assign(&r->refill, s->pub.ev_base, -1, EV_FINALIZE, refill_cb, s);
	s->rate = r;
	return r;
}

void leave_group(Stream *s)
{
	RateLimit *r = s->rate;
	Group *g = r ? r->group : nullptr;
	if (!g)
		return;
	lock_group(g);
	*r->prev_member = r->next_member;
	if (r->next_member)
		r->next_member->rate->prev_member = r->prev_member;
	r->group = nullptr;
	r->next_member = nullptr;
	r->prev_member = nullptr;
	--g->n_members;
	unlock_group(g);
}

bool refill_initialized(const RateLimit *r) { return r->refill.ev_evcallback.evcb_flags & EVLIST_INIT; }

bool no_cfg(const Stream *s, const char *fn)
{
	if (s->rate && s->rate->cfg)
		return false;
	log::warnx("%s: the bufferevent has no rate limit", fn);
	return true;
}

int group_decrement(Group *g, ev_ssize_t decr, bool is_write)
{
	lock_group(g);
	ev_ssize_t &limit = is_write ? g->limit.write_limit : g->limit.read_limit;
	const ev_ssize_t old_limit = limit;
	limit -= decr;
	if (old_limit > 0 && limit <= 0)
		group_suspend(g, is_write);
	else if (old_limit <= 0 && limit > 0)
		group_unsuspend(g, is_write);
	unlock_group(g);
	return 0;
}

int decrement_limit(Stream *s, ev_ssize_t decr, bool is_write)
{
	lock(s);
	if (no_cfg(s, is_write ? "bufferevent_decrement_write_limit" : "bufferevent_decrement_read_limit")) {
		unlock(s);
		return -1;
	}
	RateLimit *r = s->rate;
	int result = 0;
	ev_ssize_t &limit = is_write ? r->limit.write_limit : r->limit.read_limit;
	const ev_ssize_t old_limit = limit;
	limit -= decr;
	if (old_limit > 0 && limit <= 0) {
		suspend(s, is_write ? EV_WRITE : EV_READ, kSuspendBandwidth);
		if (loop::add(&r->refill, &r->cfg->tick_timeout) < 0)
			result = -1;
	} else if (old_limit <= 0 && limit > 0) {
		if (!((is_write ? s->read_suspended : s->write_suspended) & kSuspendBandwidth))
			loop::del(&r->refill, loop::DelWait::Auto);
		unsuspend(s, is_write ? EV_WRITE : EV_READ, kSuspendBandwidth);
	}
	unlock(s);
	return result;
}

ev_ssize_t own_limit(Stream *s, bool is_write)
{
	lock(s);
	ev_ssize_t r = kSsizeMax;
	if (s->rate && s->rate->cfg) {
		update_own_bucket(s);
		r = is_write ? s->rate->limit.write_limit : s->rate->limit.read_limit;
	}
	unlock(s);
	return r;
}

// 0 or more than EV_SSIZE_MAX restores the default.
int set_max_single(Stream *s, size_t size, bool is_write)
{
	lock(s);
	(is_write ? s->max_single_write : s->max_single_read) =
	    (size == 0 || size > static_cast<size_t>(kSsizeMax)) ? kDefaultMaxSingleIo : static_cast<ev_ssize_t>(size);
	unlock(s);
	return 0;
}

ev_ssize_t get_max_single(Stream *s, bool is_write)
{
	lock(s);
	const ev_ssize_t r = is_write ? s->max_single_write : s->max_single_read;
	unlock(s);
	return r;
}

} // namespace

ev_ssize_t limited_max(Stream *s, bool is_write) { return rlim_max(s, is_write); }
int charge_buckets(Stream *s, ev_ssize_t bytes, bool is_write) { return charge(s, bytes, is_write); }

void detach_rate_limit(Stream *s)
{
	if (!s->rate)
		return;
	if (refill_initialized(s->rate))
		loop::del(&s->rate->refill, loop::DelWait::NoBlock);
	leave_group(s);
}

void release_rate_limit(Stream *s)
{
	if (!s->rate)
		return;
	leave_group(s);
	mm::release(s->rate);
	s->rate = nullptr;
}

ev_token_bucket_cfg *cfg_new(size_t read_rate, size_t read_burst, size_t write_rate, size_t write_burst,
                             const timeval *tick_len)
{
	const timeval one_second{1, 0};
	if (!tick_len)
		tick_len = &one_second;
	if (read_rate > read_burst || write_rate > write_burst || read_rate < 1 || write_rate < 1)
		return nullptr;
	if (read_rate > EV_RATE_LIMIT_MAX || write_rate > EV_RATE_LIMIT_MAX ||
	    read_burst > EV_RATE_LIMIT_MAX || write_burst > EV_RATE_LIMIT_MAX)
		return nullptr;
	// Ticks are counted in milliseconds (the common-timeout bits of tv_usec
	// do not count); a tick under 1 ms would divide by zero later.
	const long usec = tick_len->tv_usec & loop::kCommonTimeoutMicros;
	const long long msec = static_cast<long long>(tick_len->tv_sec) * 1000 + usec / 1000;
	if (msec <= 0 || msec > UINT_MAX) {
		log::warnx("ev_token_bucket_cfg_new: tick length must be at least 1 ms");
		return nullptr;
	}
	auto *cfg = static_cast<ev_token_bucket_cfg *>(mm::zalloc(1, sizeof(ev_token_bucket_cfg)));
	if (!cfg)
		return nullptr;
	cfg->read_rate = read_rate;
	cfg->write_rate = write_rate;
	cfg->read_maximum = read_burst;
	cfg->write_maximum = write_burst;
	cfg->tick_timeout = *tick_len;
	cfg->msec_per_tick = static_cast<unsigned>(msec);
	return cfg;
}

void cfg_free(ev_token_bucket_cfg *cfg) { mm::release(cfg); }

int set_rate_limit(Stream *s, ev_token_bucket_cfg *cfg)
{
	lock(s);
	int result = 0;
	if (!cfg) {
		if (RateLimit *r = s->rate) {
			r->cfg = nullptr;
			unsuspend_read(s, kSuspendBandwidth);
			unsuspend_write(s, kSuspendBandwidth);
			if (refill_initialized(r))
				loop::del(&r->refill, loop::DelWait::Auto);
		}
	} else if (!s->rate || s->rate->cfg != cfg) {
		const uint32_t tick = tick_of(s->pub.ev_base, cfg);
		RateLimit *r = ensure_rate(s);
		if (!r) {
			result = -1;
		} else {
			const bool reconfigure = r->cfg != nullptr;
			r->cfg = cfg;
			bucket_init(&r->limit, cfg, tick, reconfigure);
			loop::del(&r->refill, loop::DelWait::Auto);
			bool suspended = false;
			if (r->limit.read_limit > 0) {
				unsuspend_read(s, kSuspendBandwidth);
			} else {
				suspend_read(s, kSuspendBandwidth);
				suspended = true;
			}
			if (r->limit.write_limit > 0) {
				unsuspend_write(s, kSuspendBandwidth);
			} else {
				suspend_write(s, kSuspendBandwidth);
				suspended = true;
			}
			if (suspended)
				arm_refill(s);
		}
	}
	unlock(s);
	return result;
}

const ev_token_bucket_cfg *get_token_bucket_cfg(const Stream *s) { return s->rate ? s->rate->cfg : nullptr; }

int set_max_single_read(Stream *s, size_t size) { return set_max_single(s, size, false); }
int set_max_single_write(Stream *s, size_t size) { return set_max_single(s, size, true); }
ev_ssize_t get_max_single_read(Stream *s) { return get_max_single(s, false); }
ev_ssize_t get_max_single_write(Stream *s) { return get_max_single(s, true); }

ev_ssize_t get_read_limit(Stream *s) { return own_limit(s, false); }
ev_ssize_t get_write_limit(Stream *s) { return own_limit(s, true); }

ev_ssize_t get_max_to_read(Stream *s)
{
	lock(s);
	const ev_ssize_t r = read_max(s);
	unlock(s);
	return r;
}

ev_ssize_t get_max_to_write(Stream *s)
{
	lock(s);
	const ev_ssize_t r = write_max(s);
	unlock(s);
	return r;
}

int decrement_read_limit(Stream *s, ev_ssize_t decr) { return decrement_limit(s, decr, false); }
int decrement_write_limit(Stream *s, ev_ssize_t decr) { return decrement_limit(s, decr, true); }

bufferevent_rate_limit_group *group_new(event_base *base, const ev_token_bucket_cfg *cfg)
{
	if (!base || !cfg) {
		log::warnx("bufferevent_rate_limit_group_new: %s is NULL", base ? "cfg" : "base");
		return nullptr;
	}
	auto *g = static_cast<Group *>(mm::zalloc(1, sizeof(Group)));
	if (!g)
		return nullptr;
	g->cfg = *cfg;
	bucket_init(&g->limit, cfg, tick_of(base, cfg), false);
	loop::assign(&g->master_refill, base, -1, EV_PERSIST | EV_FINALIZE, group_refill_cb, g);
	loop::add(&g->master_refill, &cfg->tick_timeout);
	g->lock = thread::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE);
	group_set_min_share(g, kDefaultMinShare);
	g->rand_state = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(g) >> 4);
	return g;
}

int group_set_cfg(bufferevent_rate_limit_group *g, const ev_token_bucket_cfg *cfg)
{
	if (!g || !cfg)
		return -1;
	lock_group(g);
	const bool same_tick = g->cfg.tick_timeout.tv_sec == cfg->tick_timeout.tv_sec &&
	                       g->cfg.tick_timeout.tv_usec == cfg->tick_timeout.tv_usec;
	g->cfg = *cfg;
	bucket_init(&g->limit, cfg, 0, true);
	if (!same_tick) // restarts the tick schedule
		loop::add(&g->master_refill, &cfg->tick_timeout);
	group_set_min_share(g, g->configured_min_share); // the rates may clamp it now
	unlock_group(g);
	return 0;
}

int group_set_min_share(bufferevent_rate_limit_group *g, size_t share)
{
	if (share > static_cast<size_t>(kSsizeMax))
		return -1;
	g->configured_min_share = share;
	// At steady state at least one member may move data each tick.
	if (share > g->cfg.read_rate)
		share = g->cfg.read_rate;
	if (share > g->cfg.write_rate)
		share = g->cfg.write_rate;
	g->min_share = static_cast<ev_ssize_t>(share);
	return 0;
}

void group_free(bufferevent_rate_limit_group *g)
{
	lock_group(g);
	if (g->n_members) {
		log::warnx("bufferevent_rate_limit_group_free: group still has %d members; removing them",
		           g->n_members);
		while (g->members)
			remove_from_group(g->members);
	}
	loop::del(&g->master_refill, loop::DelWait::Auto);
	unlock_group(g);
	thread::free_lock(g->lock, EVTHREAD_LOCKTYPE_RECURSIVE);
	mm::release(g);
}

int add_to_group(Stream *s, bufferevent_rate_limit_group *g)
{
	lock(s);
	RateLimit *r = ensure_rate(s);
	if (!r) {
		unlock(s);
		return -1;
	}
	if (r->group == g) {
		unlock(s);
		return 0;
	}
	if (r->group)
		remove_from_group(s);
	lock_group(g);
	r->group = g;
	++g->n_members;
	r->next_member = g->members;
	r->prev_member = &g->members;
	if (g->members)
		g->members->rate->prev_member = &r->next_member;
	g->members = s;
	const bool read_held = g->read_suspended, write_held = g->write_suspended;
	unlock_group(g);
	if (read_held)
		suspend_read(s, kSuspendGroup);
	if (write_held)
		suspend_write(s, kSuspendGroup);
	unlock(s);
	return 0;
}

int remove_from_group(Stream *s)
{
	lock(s);
	leave_group(s);
	unsuspend_read(s, kSuspendGroup);
	unsuspend_write(s, kSuspendGroup);
	unlock(s);
	return 0;
}

ev_ssize_t group_get_read_limit(bufferevent_rate_limit_group *g)
{
	lock_group(g);
	const ev_ssize_t r = g->limit.read_limit;
	unlock_group(g);
	return r;
}

ev_ssize_t group_get_write_limit(bufferevent_rate_limit_group *g)
{
	lock_group(g);
	const ev_ssize_t r = g->limit.write_limit;
	unlock_group(g);
	return r;
}

int group_decrement_read(bufferevent_rate_limit_group *g, ev_ssize_t decr) { return group_decrement(g, decr, false); }
int group_decrement_write(bufferevent_rate_limit_group *g, ev_ssize_t decr) { return group_decrement(g, decr, true); }

void group_get_totals(bufferevent_rate_limit_group *g, uint64_t *read_out, uint64_t *written_out)
{
	if (read_out)
		*read_out = g->total_read;
	if (written_out)
		*written_out = g->total_written;
}

void group_reset_totals(bufferevent_rate_limit_group *g) { g->total_read = g->total_written = 0; }

} // namespace evcxx::stream
