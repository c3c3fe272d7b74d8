// The loop: one pass flushes interest changes, waits in the backend, queues
// expired timers, then runs one priority level of active callbacks.
// Phase order follows libevent 2.1.12's observable behaviour: EVLOOP_ONCE
// and EVLOOP_NONBLOCK keep making passes while callbacks remain active.
#include <climits>

#include "core/loop/base.hpp"
#include "core/loop/debug.hpp"
#include "core/signal/signal.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::loop {
namespace {

void process_timeouts(event_base *b)
{
	if (b->timers.empty())
		return;
	const clock::Nanos t = now(b);
	while (!b->timers.empty() && b->timers.top().when <= t) {
		event *ev = b->timers.top().ev;
		// A plain timer (the common case) only leaves the heap; an event
		// also registered on an fd or signal, or queued, is deleted fully.
		constexpr short kElsewhere = EVLIST_INSERTED | EVLIST_ACTIVE | EVLIST_ACTIVE_LATER;
		if (ev->ev_evcallback.evcb_flags & kElsewhere) {
			del_nolock(ev, DelWait::NoBlock);
		} else {
			remove_timeout(b, ev);
			debug::note_del(ev);
		}
		activate_queue(b, ev, EV_TIMEOUT, 1);
	}
}

void make_later_callbacks_active(event_base *b)
{
	while (!b->active_later.empty()) {
		event_callback *cb = b->active_later.first;
		b->active_later.remove(cb);
		cb->evcb_flags = static_cast<short>((cb->evcb_flags & ~EVLIST_ACTIVE_LATER) | EVLIST_ACTIVE);
		b->active[cb->evcb_pri].push_back(cb);
	}
}

// A persistent event with a timeout is rescheduled before its callback runs.
void reschedule_persistent(event_base *b, event *ev)
{
	const timeval &period = ev->ev_.ev_io.ev_timeout;
	const clock::Nanos t = now(b);
	timeval span = period;
	const long tag = span.tv_usec & ~kCommonTimeoutMicros;
	span.tv_usec &= kCommonTimeoutMicros;
	clock::Nanos from = t;
	if (ev->ev_res & EV_TIMEOUT) {
		// Keep a steady period: count from the deadline that just passed.
		timeval last = ev->ev_timeout;
		last.tv_usec &= kCommonTimeoutMicros;
		from = clock::from_timeval(last);
	}
	clock::Nanos next = from + clock::from_timeval(span);
	if (next < t)
		next = t + clock::from_timeval(span);
	timeval at = clock::to_timeval(next);
	at.tv_usec |= tag;
	add_nolock(ev, &at, true);
}

// Deliver a signal event's pending calls; event_del() or loopbreak stop it.
void run_signal_callbacks(event_base *b, event *ev)
{
	short ncalls = ev->ev_.ev_signal.ev_ncalls;
	if (ncalls)
		ev->ev_.ev_signal.ev_pncalls = &ncalls;
	unlock(b);
	while (ncalls) {
		--ncalls;
		ev->ev_.ev_signal.ev_ncalls = ncalls;
		if (!ncalls)
			ev->ev_.ev_signal.ev_pncalls = nullptr;
		ev->ev_evcallback.evcb_cb_union.evcb_callback(ev->ev_fd, ev->ev_res, ev->ev_evcallback.evcb_arg);
		lock(b);
		const bool stop = b->got_break;
		unlock(b);
		if (stop) {
			if (ncalls)
				ev->ev_.ev_signal.ev_pncalls = nullptr;
			return;
		}
	}
}

// Callbacks other than an event's own: signal delivery, self callbacks
// (deferred work), finalizers. Runs the callback without the lock.
void run_other_closure(event_base *b, event_callback *cb, event *ev)
{
	switch (cb->evcb_closure) {
	case kClosureSignal:
		run_signal_callbacks(b, ev);
		break;
	case kClosureSelf: {
		auto fn = cb->evcb_cb_union.evcb_selfcb;
		void *arg = cb->evcb_arg;
		unlock(b);
		fn(cb, arg);
		break;
	}
	case kClosureEventFinalize:
	case kClosureEventFinalizeFree: {
		const bool free_after = cb->evcb_closure == kClosureEventFinalizeFree;
		auto fn = cb->evcb_cb_union.evcb_evfinalize;
		void *arg = cb->evcb_arg;
		b->current = nullptr;
		unlock(b);
		debug::note_teardown(ev);
		fn(ev, arg);
		if (free_after)
			mm::release(ev);
		break;
	}
	case kClosureCallbackFinalize: {
		auto fn = cb->evcb_cb_union.evcb_cbfinalize;
		void *arg = cb->evcb_arg;
		b->current = nullptr;
		unlock(b);
		fn(cb, arg);
		break;
	}
	default:
		EVCXX_ASSERT(!"unknown callback closure");
	}
}

// Run one priority's queue. Only levels past limit_callbacks_after_prio are
// Limited (by count and time); the others skip those tests.
template <bool Limited>
int run_queue(event_base *b, CallbackQueue &queue, int max_to_run, const clock::Nanos *endtime)
{
	int count = 0;
	while (!queue.empty()) {
		event_callback *cb = queue.first;
		event *ev = nullptr;
		if (cb->evcb_flags & EVLIST_INIT) {
			ev = as_event(cb);
			// A non-persistent event stops being pending when it runs; one
			// that is only active needs no more than leaving its queue.
			constexpr short kPendingElsewhere = EVLIST_INSERTED | EVLIST_TIMEOUT;
			if ((cb->evcb_flags & kPendingElsewhere) && !(ev->ev_events & EV_PERSIST) &&
			    !(cb->evcb_flags & EVLIST_FINALIZING))
				del_nolock(ev, DelWait::NoBlock);
			else
				unqueue_active(b, cb);
		} else {
			unqueue_active(b, cb);
		}
		if (!(cb->evcb_flags & EVLIST_INTERNAL))
			++count;
		b->current = cb;
		b->current_waiters = 0;

		const uint8_t closure = cb->evcb_closure;
		if (closure == kClosureEvent || closure == kClosurePersist) {
			// An event's own callback: the common case.
			if (closure == kClosurePersist && timerisset(&ev->ev_.ev_io.ev_timeout))
				reschedule_persistent(b, ev);
			const event_callback_fn fn = cb->evcb_cb_union.evcb_callback;
			const evutil_socket_t fd = ev->ev_fd;
			const short res = ev->ev_res;
			void *arg = cb->evcb_arg;
			unlock(b);
			fn(fd, res, arg);
		} else {
			run_other_closure(b, cb, ev);
		}

		lock(b);
		b->current = nullptr;
		if (b->current_waiters) {
			b->current_waiters = 0;
			thread::cond_broadcast(b->current_cond);
		}
		if (b->got_break)
			return -1;
		if constexpr (Limited) {
			if (count >= max_to_run)
				return count;
			if (count && endtime) {
				refresh_time_cache(b);
				if (now(b) >= *endtime)
					return count;
			}
		}
		if (b->continue_pass)
			break;
	}
	return count;
}

// Run the most urgent non-empty priority level; lower levels wait for a
// later pass (internal-only levels don't count).
int run_active(event_base *b)
{
	clock::Nanos endtime = 0;
	const clock::Nanos *until = nullptr;
	if (b->max_dispatch_interval.tv_sec >= 0) {
		refresh_time_cache(b);
		endtime = now(b) + clock::from_timeval(b->max_dispatch_interval);
		until = &endtime;
	}
	int ran = 0;
	for (int pri = 0; pri < b->npriorities; ++pri) {
		if (b->active[pri].empty())
			continue;
		b->running_priority = pri;
		if (pri < b->limit_callbacks_after_prio)
			ran = run_queue<false>(b, b->active[pri], INT_MAX, nullptr);
		else
			ran = run_queue<true>(b, b->active[pri], b->max_dispatch_callbacks, until);
		if (ran != 0)
			break;
	}
	b->running_priority = -1;
	return ran;
}

// How long the backend may sleep: until the first timer, or forever. The
// clock is read afresh (a vDSO call, not a system call) rather than taken
// from the pass cache, which is stale by the callbacks' run time and would
// make timers late.
const timespec *wait_limit(event_base *b, timespec &storage)
{
	if (b->timers.empty())
		return nullptr;
	clock::Nanos delta = b->timers.top().when - clock::monotonic();
	if (delta < 0)
		delta = 0;
	storage = clock::to_timespec(delta);
	return &storage;
}

} // namespace

int run(event_base *b, int flags)
{
	lock(b);
	if (b->running_loop) {
		log::warnx("event_base_loop: reentrant invocation; only one event_base_loop can run on a base at once");
		unlock(b);
		return -1;
	}
	b->running_loop = true;
	clear_time_cache(b);
	signal::claim_delivery(b);
	b->owner_thread = thread::current_id();
	b->got_exit = false;
	b->got_break = false;

	int result = 0;
	for (;;) {
		b->continue_pass = false;
		b->n_deferreds_queued = 0;
		if (b->got_exit || b->got_break)
			break;

		timespec storage{0, 0};
		const timespec *limit = &storage;
		if (!b->active_count && !(flags & EVLOOP_NONBLOCK))
			limit = wait_limit(b, storage);
		if (!(flags & EVLOOP_NO_EXIT_ON_EMPTY) && !have_events(b) && !b->active_count) {
			result = 1;
			break;
		}
		make_later_callbacks_active(b);
		clear_time_cache(b);
		flush_changes(b);

		// Other threads may add events while we sleep; the first readiness
		// report (io_ready) or the return retakes the lock.
		b->relocked_in_wait = false;
		unlock(b);
		const int waited = b->backend->wait(limit, backend::ReadySink{b, io_ready});
		if (!b->relocked_in_wait)
			lock(b);
		if (waited == -1) {
			result = -1;
			break;
		}

		open_time_cache(b);
		process_timeouts(b);
		if (b->active_count) {
			const int ran = run_active(b);
			if ((flags & EVLOOP_ONCE) && !b->active_count && ran != 0)
				break;
		} else if (flags & EVLOOP_NONBLOCK) {
			break;
		}
	}
	clear_time_cache(b);
	b->running_loop = false;
	unlock(b);
	return result;
}

namespace {
void exit_callback(evutil_socket_t, short, void *arg)
{
	auto *b = static_cast<event_base *>(arg);
	b->got_exit = true;
}
} // namespace

int loopexit(event_base *b, const timeval *tv)
{
	return base_once(b, -1, EV_TIMEOUT, exit_callback, b, tv);
}

int loopbreak(event_base *b)
{
	if (!b)
		return -1;
	lock(b);
	b->got_break = true;
	// Upstream answers -1 when the loop runs elsewhere and cannot be woken.
	const int r = loop_runs_elsewhere(b) ? notify(b) : 0;
	unlock(b);
	return r;
}

int loopcontinue(event_base *b)
{
	if (!b)
		return -1;
	lock(b);
	b->continue_pass = true;
	unlock(b);
	return 0;
}

} // namespace evcxx::loop
