#include "core/stream/stream.hpp"

#include <cerrno>

#include "core/buffer/buffer.hpp"
#include "core/loop/base.hpp"
#include "core/loop/callback.hpp"
#include "core/loop/globals.hpp"
#include "core/stream/rate_limit.hpp"
#include "core/thread/lock.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::stream {

namespace {

bool timer_set(const timeval &tv) { return tv.tv_sec || tv.tv_usec; }

bool initialized(const event &ev) { return ev.ev_evcallback.evcb_flags & EVLIST_INIT; }

int default_priority(event_base *base) { return base ? base->npriorities / 2 : 0; }

// Upstream keeps calling the read callback (deferred, once per pass) while
// the input stays at the read high watermark with reading enabled, since
// no new data will come to trigger it.
void input_full_recheck(Stream *s)
{
	const bufferevent *b = pub(s);
	if (b->wm_read.high && (b->enabled & EV_READ) && buffer::length(b->input) >= b->wm_read.high)
		trigger_nolock(s, EV_READ, BEV_OPT_DEFER_CALLBACKS);
}

// Runs the callbacks owed since the last pass, in upstream's order:
// CONNECTED first (it happened before any data), then read, write, the
// remaining event bits. With UNLOCK_CALLBACKS the lock is dropped around
// each call.
void run_deferred(event_callback *, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	lock(s);
	const bool unlocked = s->options & BEV_OPT_UNLOCK_CALLBACKS;
	auto call = [s, unlocked](auto &&fn) {
		if (unlocked)
			unlock(s);
		fn();
		if (unlocked)
			lock(s);
	};
	bufferevent *b = pub(s);
	if ((s->eventcb_pending & BEV_EVENT_CONNECTED) && b->errorcb) {
		s->eventcb_pending &= ~BEV_EVENT_CONNECTED;
		const bufferevent_event_cb cb = b->errorcb;
		void *cbarg = b->cbarg;
		call([&] { cb(b, BEV_EVENT_CONNECTED, cbarg); });
	}
	if (s->readcb_pending && b->readcb) {
		s->readcb_pending = false;
		const bufferevent_data_cb cb = b->readcb;
		void *cbarg = b->cbarg;
		call([&] { cb(b, cbarg); });
		input_full_recheck(s);
	}
	if (s->writecb_pending && b->writecb) {
		s->writecb_pending = false;
		const bufferevent_data_cb cb = b->writecb;
		void *cbarg = b->cbarg;
		call([&] { cb(b, cbarg); });
	}
	if (s->eventcb_pending && b->errorcb) {
		const short what = s->eventcb_pending;
		const int err = s->errno_pending;
		s->eventcb_pending = 0;
		s->errno_pending = 0;
		const bufferevent_event_cb cb = b->errorcb;
		void *cbarg = b->cbarg;
		errno = err;
		call([&] { cb(b, what, cbarg); });
	}
	decref_and_unlock(s);
}

// Queue the deferred callbacks; the queued callback holds a reference.
void schedule_deferred(Stream *s)
{
	event_base *base = base_of(s);
	if (base && loop::schedule_deferred(base, &s->deferred))
		++s->refcnt;
}

// The object's last step, run from the loop once nothing can call into it.
void finalize(event_callback *, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	lock(s);
	bufferevent *under = get_underlying(s);
	if (s->pub.be_ops->destruct)
		s->pub.be_ops->destruct(s);
	evbuffer_free(s->pub.input);
	evbuffer_free(s->pub.output);
	release_rate_limit(s);
	unlock(s);

	if (s->own_lock)
		thread::free_lock(s->lock, EVTHREAD_LOCKTYPE_RECURSIVE);
	if (s->pair_lock && --s->pair_lock->users == 0) {
		thread::free_lock(s->pair_lock->lock, EVTHREAD_LOCKTYPE_RECURSIVE);
		mm::release(s->pair_lock);
	}
	mm::release(s);
	// A filter keeps its underlying bufferevent (and maybe the lock it
	// shares) until now.
	if (under)
		decref(from(under));
}

// Keeps reading suspended while the input holds wm_read.high bytes or more.
void input_watermark_cb(evbuffer *buf, const evbuffer_cb_info *, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	if (buffer::length(buf) >= s->pub.wm_read.high)
		suspend_read(s, kSuspendWatermark);
	else
		unsuspend_read(s, kSuspendWatermark);
}

void read_timeout_cb(evutil_socket_t, short, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	incref_and_lock(s);
	disable(s, EV_READ);
	run_eventcb(s, BEV_EVENT_TIMEOUT | BEV_EVENT_READING, 0);
	decref_and_unlock(s);
}

void write_timeout_cb(evutil_socket_t, short, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	incref_and_lock(s);
	disable(s, EV_WRITE);
	run_eventcb(s, BEV_EVENT_TIMEOUT | BEV_EVENT_WRITING, 0);
	decref_and_unlock(s);
}

} // namespace

event_base *base_of(const Stream *s) { return s->pub.ev_base ? s->pub.ev_base : globals::current_base; }

int init_common(Stream *s, event_base *base, const bufferevent_ops *ops, int options)
{
	bufferevent *b = pub(s);
	b->input = evbuffer_new();
	b->output = evbuffer_new();
	if (!b->input || !b->output)
		goto fail;
	s->refcnt = 1;
	b->ev_base = base;
	b->be_ops = ops;
	b->enabled = EV_WRITE; // writing needs no enable; reading does
	s->max_single_read = kDefaultMaxSingleIo;
	s->max_single_write = kDefaultMaxSingleIo;
	if ((options & BEV_OPT_THREADSAFE) && enable_locking(s, nullptr) < 0)
		goto fail;
	if ((options & (BEV_OPT_DEFER_CALLBACKS | BEV_OPT_UNLOCK_CALLBACKS)) == BEV_OPT_UNLOCK_CALLBACKS) {
		log::warnx("UNLOCK_CALLBACKS requires DEFER_CALLBACKS");
		goto fail;
	}
	loop::callback_init(base_of(s), &s->deferred, static_cast<uint8_t>(default_priority(base_of(s))),
	                    run_deferred, s);
	s->options = options;
	return 0;
fail:
	if (b->input)
		evbuffer_free(b->input);
	if (b->output)
		evbuffer_free(b->output);
	if (s->own_lock)
		thread::free_lock(s->lock, EVTHREAD_LOCKTYPE_RECURSIVE);
	return -1;
}

int enable_locking(Stream *s, void *lk)
{
	if (s->lock)
		return -1;
	bufferevent *under = get_underlying(s);
	if (!lk && under && from(under)->lock) {
		s->lock = from(under)->lock;
	} else if (!lk) {
		lk = thread::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE);
		if (!lk)
			return -1;
		s->lock = lk;
		s->own_lock = true;
	} else {
		s->lock = lk;
	}
	evbuffer_enable_locking(s->pub.input, s->lock);
	evbuffer_enable_locking(s->pub.output, s->lock);
	if (under && !from(under)->lock)
		enable_locking(from(under), s->lock);
	return 0;
}

void lock(Stream *s) { thread::lock(s->lock); }
void unlock(Stream *s) { thread::unlock(s->lock); }

void incref_and_lock(Stream *s)
{
	lock(s);
	++s->refcnt;
}

bool decref_and_unlock(Stream *s)
{
	EVCXX_ASSERT(s->refcnt > 0);
	if (--s->refcnt) {
		unlock(s);
		return false;
	}
	bufferevent *b = pub(s);
	if (b->be_ops->unlink)
		b->be_ops->unlink(s);
	// Nothing may call into the object any more; the memory goes once the
	// loop reaches the finalizer (so a callback running now finishes first).
	if (initialized(b->ev_read))
		loop::del(&b->ev_read, loop::DelWait::NoBlock);
	if (initialized(b->ev_write))
		loop::del(&b->ev_write, loop::DelWait::NoBlock);
	detach_rate_limit(s);
	event_base *base = base_of(s);
	unlock(s);
	if (base)
		loop::callback_finalize(base, &s->deferred, finalize);
	else
		finalize(&s->deferred, s);
	return true;
}

void incref(Stream *s)
{
	lock(s);
	++s->refcnt;
	unlock(s);
}

bool decref(Stream *s)
{
	lock(s);
	return decref_and_unlock(s);
}

void run_readcb(Stream *s, int options)
{
	if (!s->pub.readcb)
		return;
	if ((s->options | options) & BEV_OPT_DEFER_CALLBACKS) {
		s->readcb_pending = true;
		schedule_deferred(s);
	} else {
		s->pub.readcb(pub(s), s->pub.cbarg);
		input_full_recheck(s);
	}
}

void run_writecb(Stream *s, int options)
{
	if (!s->pub.writecb)
		return;
	if ((s->options | options) & BEV_OPT_DEFER_CALLBACKS) {
		s->writecb_pending = true;
		schedule_deferred(s);
	} else {
		s->pub.writecb(pub(s), s->pub.cbarg);
	}
}

void run_eventcb(Stream *s, short what, int options)
{
	if (!s->pub.errorcb)
		return;
	if ((s->options | options) & BEV_OPT_DEFER_CALLBACKS) {
		s->eventcb_pending |= what;
		s->errno_pending = errno;
		schedule_deferred(s);
	} else {
		s->pub.errorcb(pub(s), what, s->pub.cbarg);
	}
}

void trigger_nolock(Stream *s, short iotype, int options)
{
	const bool ignore_wm = options & BEV_TRIG_IGNORE_WATERMARKS;
	if ((iotype & EV_READ) && (ignore_wm || buffer::length(s->pub.input) >= s->pub.wm_read.low))
		run_readcb(s, options);
	if ((iotype & EV_WRITE) && (ignore_wm || buffer::length(s->pub.output) <= s->pub.wm_write.low))
		run_writecb(s, options);
}

void suspend(Stream *s, short what, Suspend why)
{
	lock(s);
	uint8_t &held = what == EV_WRITE ? s->write_suspended : s->read_suspended;
	if (!held)
		s->pub.be_ops->disable(s, what);
	held |= why;
	unlock(s);
}

void unsuspend(Stream *s, short what, Suspend why)
{
	lock(s);
	uint8_t &held = what == EV_WRITE ? s->write_suspended : s->read_suspended;
	held &= static_cast<uint8_t>(~why);
	if (!held && (s->pub.enabled & what))
		s->pub.be_ops->enable(s, what);
	unlock(s);
}

void free_stream(Stream *s)
{
	lock(s);
	setcb(s, nullptr, nullptr, nullptr, nullptr);
	if (s->pub.be_ops->cancel_all)
		s->pub.be_ops->cancel_all(s);
	decref_and_unlock(s);
}

void setcb(Stream *s, bufferevent_data_cb readcb, bufferevent_data_cb writecb,
           bufferevent_event_cb eventcb, void *arg)
{
	lock(s);
	s->pub.readcb = readcb;
	s->pub.writecb = writecb;
	s->pub.errorcb = eventcb;
	s->pub.cbarg = arg;
	unlock(s);
}

void getcb(Stream *s, bufferevent_data_cb *readcb, bufferevent_data_cb *writecb,
           bufferevent_event_cb *eventcb, void **arg)
{
	lock(s);
	if (readcb)
		*readcb = s->pub.readcb;
	if (writecb)
		*writecb = s->pub.writecb;
	if (eventcb)
		*eventcb = s->pub.errorcb;
	if (arg)
		*arg = s->pub.cbarg;
	unlock(s);
}

int enable(Stream *s, short what)
{
	incref_and_lock(s);
	short now = what;
	if (s->read_suspended)
		now &= ~EV_READ;
	if (s->write_suspended)
		now &= ~EV_WRITE;
	s->pub.enabled |= what;
	int r = 0;
	if (now && s->pub.be_ops->enable(s, now) < 0)
		r = -1;
	if (r)
		log::debugx("bufferevent_enable: cannot enable 0x%hx", what);
	decref_and_unlock(s);
	return r;
}

int disable(Stream *s, short what)
{
	lock(s);
	s->pub.enabled &= ~what;
	const int r = s->pub.be_ops->disable(s, what) < 0 ? -1 : 0;
	if (r)
		log::debugx("bufferevent_disable: cannot disable 0x%hx", what);
	unlock(s);
	return r;
}

short get_enabled(Stream *s)
{
	lock(s);
	const short r = s->pub.enabled;
	unlock(s);
	return r;
}

int set_timeouts(Stream *s, const timeval *read_tv, const timeval *write_tv)
{
	lock(s);
	s->pub.timeout_read = read_tv ? *read_tv : timeval{0, 0};
	s->pub.timeout_write = write_tv ? *write_tv : timeval{0, 0};
	int r = 0;
	if (s->pub.be_ops->adj_timeouts)
		r = s->pub.be_ops->adj_timeouts(s);
	unlock(s);
	return r;
}

void set_watermark(Stream *s, short what, size_t low, size_t high)
{
	lock(s);
	bufferevent *b = pub(s);
	if (what & EV_WRITE) {
		b->wm_write.low = low;
		b->wm_write.high = high;
	}
	if (what & EV_READ) {
		b->wm_read.low = low;
		b->wm_read.high = high;
		if (high) {
			if (!s->read_wm_cb)
				s->read_wm_cb = evbuffer_add_cb(b->input, input_watermark_cb, s);
			if (s->read_wm_cb)
				evbuffer_cb_set_flags(b->input, s->read_wm_cb, EVBUFFER_CB_ENABLED);
			if (buffer::length(b->input) >= high)
				suspend_read(s, kSuspendWatermark);
			else
				unsuspend_read(s, kSuspendWatermark);
		} else {
			if (s->read_wm_cb)
				evbuffer_cb_clear_flags(b->input, s->read_wm_cb, EVBUFFER_CB_ENABLED);
			unsuspend_read(s, kSuspendWatermark);
		}
	}
	unlock(s);
}

int get_watermark(Stream *s, short what, size_t *low, size_t *high)
{
	const event_watermark *wm;
	if (what == EV_WRITE)
		wm = &s->pub.wm_write;
	else if (what == EV_READ)
		wm = &s->pub.wm_read;
	else
		return -1;
	lock(s);
	if (low)
		*low = wm->low;
	if (high)
		*high = wm->high;
	unlock(s);
	return 0;
}

int flush(Stream *s, short iotype, bufferevent_flush_mode mode)
{
	lock(s);
	const int r = s->pub.be_ops->flush ? s->pub.be_ops->flush(s, iotype, mode) : -1;
	unlock(s);
	return r;
}

void trigger(Stream *s, short iotype, int options)
{
	incref_and_lock(s);
	trigger_nolock(s, iotype, options & (BEV_TRIG_IGNORE_WATERMARKS | BEV_TRIG_DEFER_CALLBACKS));
	decref_and_unlock(s);
}

void trigger_event(Stream *s, short what, int options)
{
	incref_and_lock(s);
	run_eventcb(s, what, options & (BEV_TRIG_IGNORE_WATERMARKS | BEV_TRIG_DEFER_CALLBACKS));
	decref_and_unlock(s);
}

int set_fd(Stream *s, evutil_socket_t fd)
{
	lock(s);
	const int r = s->pub.be_ops->set_fd ? s->pub.be_ops->set_fd(s, fd) : -1;
	if (r)
		log::debugx("bufferevent_setfd: cannot set fd to %d", fd);
	unlock(s);
	return r;
}

evutil_socket_t get_fd(Stream *s)
{
	lock(s);
	evutil_socket_t fd = -1;
	const int r = s->pub.be_ops->get_fd ? s->pub.be_ops->get_fd(s, &fd) : -1;
	if (r)
		log::debugx("bufferevent_getfd: cannot get fd");
	unlock(s);
	return r < 0 ? -1 : fd;
}

bufferevent *get_underlying(Stream *s)
{
	lock(s);
	bufferevent *u = s->pub.be_ops->underlying ? s->pub.be_ops->underlying(s) : nullptr;
	unlock(s);
	return u;
}

int get_priority(const Stream *s)
{
	if (initialized(s->pub.ev_read))
		return s->pub.ev_read.ev_evcallback.evcb_pri;
	return default_priority(base_of(s));
}

void init_timeout_events(Stream *s)
{
	bufferevent *b = pub(s);
	loop::assign(&b->ev_read, b->ev_base, -1, EV_FINALIZE, read_timeout_cb, s);
	loop::assign(&b->ev_write, b->ev_base, -1, EV_FINALIZE, write_timeout_cb, s);
}

int adj_timeouts_generic(Stream *s)
{
	bufferevent *b = pub(s);
	int r1, r2;
	if ((b->enabled & EV_READ) && !s->read_suspended && timer_set(b->timeout_read))
		r1 = loop::add(&b->ev_read, &b->timeout_read);
	else
		r1 = loop::del(&b->ev_read, loop::DelWait::Auto);
	if ((b->enabled & EV_WRITE) && !s->write_suspended && timer_set(b->timeout_write) &&
	    buffer::length(b->output))
		r2 = loop::add(&b->ev_write, &b->timeout_write);
	else
		r2 = loop::del(&b->ev_write, loop::DelWait::Auto);
	return (r1 < 0 || r2 < 0) ? -1 : 0;
}

void reset_read_timeout(Stream *s)
{
	if (timer_set(s->pub.timeout_read))
		loop::add(&s->pub.ev_read, &s->pub.timeout_read);
}

void reset_write_timeout(Stream *s)
{
	if (timer_set(s->pub.timeout_write))
		loop::add(&s->pub.ev_write, &s->pub.timeout_write);
}

// Without a timeout the event was never added (reset_*_timeout and
// adj_timeouts_generic add it only with one), so there is nothing to delete.
void del_read_timeout(Stream *s)
{
	if (timer_set(s->pub.timeout_read))
		loop::del(&s->pub.ev_read, loop::DelWait::Auto);
}

void del_write_timeout(Stream *s)
{
	if (timer_set(s->pub.timeout_write))
		loop::del(&s->pub.ev_write, loop::DelWait::Auto);
}

int add_event(event *ev, const timeval *tv) { return loop::add(ev, timer_set(*tv) ? tv : nullptr); }

} // namespace evcxx::stream
