// Event operations: assign, add, del, activate, pending, finalize, once.
// Everything here runs with the base lock held unless the name says otherwise.
#include <cstring>

#include "core/loop/base.hpp"
#include "core/loop/debug.hpp"
#include "core/loop/globals.hpp"
#include "core/loop/io_interest.hpp"
#include "core/signal/signal.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::loop {
namespace {
constexpr short kIoEvents = EV_READ | EV_WRITE | EV_CLOSED;

short &flags_of(event *ev) { return ev->ev_evcallback.evcb_flags; }

// A callback running in another thread must finish before we touch the
// event it belongs to (ev_ncalls/ev_pncalls) or return from a blocking del.
void wait_for_running_callback(event_base *b)
{
	++b->current_waiters;
	thread::cond_wait(b->current_cond, b->lock, nullptr);
}

void insert_inserted(event_base *b, event *ev)
{
	count_insert(b, flags_of(ev));
	flags_of(ev) |= EVLIST_INSERTED;
}

void remove_inserted(event_base *b, event *ev)
{
	count_remove(b, flags_of(ev));
	flags_of(ev) &= ~EVLIST_INSERTED;
}

// Upstream refuses events that were never given a base with this warning.
event_base *base_of(const event *ev, const char *fn)
{
	if (!ev->ev_base)
		log::warnx("%s: event has no event_base set.", fn);
	return ev->ev_base;
}

void once_trampoline(evutil_socket_t fd, short what, void *arg)
{
	auto *once = static_cast<OnceEvent *>(arg);
	event_base *b = once->ev.ev_base;
	once->cb(fd, what, once->arg);
	lock(b);
	*once->prev = once->next;
	if (once->next)
		once->next->prev = once->prev;
	unlock(b);
	debug::forget(&once->ev);
	mm::release(once);
}
} // namespace

void queue_active_later(event_base *b, event_callback *cb)
{
	if (cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER))
		return;
	count_insert(b, cb->evcb_flags);
	cb->evcb_flags |= EVLIST_ACTIVE_LATER;
	if (++b->active_count > b->active_count_max)
		b->active_count_max = b->active_count;
	b->active_later.push_back(cb);
}

void unqueue_active_later(event_base *b, event_callback *cb)
{
	count_remove(b, cb->evcb_flags);
	cb->evcb_flags &= ~EVLIST_ACTIVE_LATER;
	--b->active_count;
	b->active_later.remove(cb);
}

bool have_events(const event_base *b) { return b->virtual_count > 0 || b->event_count > 0; }

int assign(event *ev, event_base *b, evutil_socket_t fd, short events, event_callback_fn cb,
           void *arg)
{
	if (!b)
		b = globals::current_base;
	if (arg == globals::self_cbarg())
		arg = ev;
	if (!(events & EV_SIGNAL))
		debug::assert_socket_nonblocking(fd);
	debug::assert_not_added(ev);

	ev->ev_base = b;
	ev->ev_evcallback.evcb_cb_union.evcb_callback = cb;
	ev->ev_evcallback.evcb_arg = arg;
	ev->ev_fd = fd;
	ev->ev_events = events;
	ev->ev_res = 0;
	flags_of(ev) = EVLIST_INIT;
	ev->ev_.ev_signal.ev_ncalls = 0;
	ev->ev_.ev_signal.ev_pncalls = nullptr;

	if (events & EV_SIGNAL) {
		if (events & kIoEvents) {
			log::warnx("event_assign: EV_SIGNAL cannot be combined with EV_READ, EV_WRITE or EV_CLOSED");
			return -1;
		}
		ev->ev_evcallback.evcb_closure = kClosureSignal;
	} else if (events & EV_PERSIST) {
		timerclear(&ev->ev_.ev_io.ev_timeout);
		ev->ev_evcallback.evcb_closure = kClosurePersist;
	} else {
		ev->ev_evcallback.evcb_closure = kClosureEvent;
	}
	time::TimerHeap::mark_unheaped(ev);
	if (b)
		ev->ev_evcallback.evcb_pri = static_cast<uint8_t>(b->npriorities / 2);
	debug::note_setup(ev);
	return 0;
}

namespace {
// Give `ev` its new deadline. True when a loop sleeping in another thread
// must recompute its wait (the earliest heap deadline moved).
[[gnu::always_inline]] inline bool schedule_timeout(event_base *b, event *ev, const timeval &tv,
                                                   bool tv_is_absolute)
{
	const short f = flags_of(ev);
	if (ev->ev_evcallback.evcb_closure == kClosurePersist && !tv_is_absolute)
		ev->ev_.ev_io.ev_timeout = tv;
	// Rescheduling a timeout that already fired cancels that firing.
	if ((f & EVLIST_ACTIVE) && (ev->ev_res & EV_TIMEOUT)) {
		if ((ev->ev_events & EV_SIGNAL) && ev->ev_.ev_signal.ev_ncalls && ev->ev_.ev_signal.ev_pncalls)
			*ev->ev_.ev_signal.ev_pncalls = 0;
		unqueue_active(b, as_callback(ev));
	}

	if (is_common_timeout(tv, b)) {
		if (f & EVLIST_TIMEOUT)
			remove_timeout(b, ev);
		if (tv_is_absolute) {
			ev->ev_timeout = tv;
		} else {
			timeval span = tv;
			span.tv_usec &= kCommonTimeoutMicros;
			ev->ev_timeout = clock::to_timeval(now(b) + clock::from_timeval(span));
			ev->ev_timeout.tv_usec |= tv.tv_usec & ~kCommonTimeoutMicros;
		}
		insert_timeout(b, ev, 0, true);
		return false;
	}

	// now() counts whole microseconds, as upstream's timeval clock does: a
	// zero timeout is due at once.
	const clock::Nanos when = tv_is_absolute ? clock::from_timeval(tv) : now(b) + clock::from_timeval(tv);
	if (!(f & EVLIST_TIMEOUT))
		insert_timeout(b, ev, when, false);
	else if (!is_common_timeout(ev->ev_timeout, b))
		b->timers.update(ev, when); // in place
	else {
		common_timeout_remove(b, ev); // stays counted as pending
		b->timers.push(ev, when);
	}
	ev->ev_timeout = tv_is_absolute ? tv : clock::to_timeval(when);
	return b->notifiable && (b->timers.is_top(ev) || b->timers.top().when < now(b));
}

// The bodies of add and del, inlined into both the locking entry point an
// application calls and the _nolock one the engine uses.
[[gnu::always_inline]] inline int del_locked(event_base *b, event *ev, DelWait wait)
{
	const short f = flags_of(ev);
	if (wait != DelWait::EvenIfFinalizing && (f & EVLIST_FINALIZING))
		return 0;

	// Stop a signal callback loop that is delivering this event's calls.
	if ((ev->ev_events & EV_SIGNAL) && ev->ev_.ev_signal.ev_ncalls && ev->ev_.ev_signal.ev_pncalls)
		*ev->ev_.ev_signal.ev_pncalls = 0;

	if (f & EVLIST_TIMEOUT)
		remove_timeout(b, ev);
	if (f & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER))
		unqueue_any(b, as_callback(ev));

	int res = 0;
	if (f & EVLIST_INSERTED) {
		remove_inserted(b, ev);
		res = (ev->ev_events & kIoEvents) ? io_del(b, ev) : signal::del(b, ev);
		// Wake a loop sleeping in another thread: its interest changed, or
		// it has nothing left to wait for.
		if (res != -1 && needs_notify(b) && (res == 1 || (!have_events(b) && !b->active_count)))
			notify(b);
		if (res == 1)
			res = 0;
	}
	debug::note_del(ev);

	if (wait != DelWait::NoBlock && b->current == as_callback(ev) && !in_loop_thread(b) &&
	    (wait == DelWait::Block || !(ev->ev_events & EV_FINALIZE)))
		wait_for_running_callback(b);
	return res;
}

[[gnu::always_inline]] inline int add_locked(event_base *b, event *ev, const timeval *tv, bool tv_is_absolute)
{
	debug::assert_is_setup(ev);
	const short f = flags_of(ev);
	if (f & EVLIST_FINALIZING)
		return -1;
	// Reserve before changing anything, so a failure leaves no trace.
	if (tv && !b->timers.reserve(1))
		return -1;
	if (b->current == as_callback(ev) && (ev->ev_events & EV_SIGNAL) && !in_loop_thread(b))
		wait_for_running_callback(b);

	int res = 0;
	bool wake = false;
	if ((ev->ev_events & (kIoEvents | EV_SIGNAL)) &&
	    !(f & (EVLIST_INSERTED | EVLIST_ACTIVE | EVLIST_ACTIVE_LATER))) {
		res = (ev->ev_events & kIoEvents) ? io_add(b, ev) : signal::add(b, ev);
		if (res != -1)
			insert_inserted(b, ev);
		if (res == 1) {
			wake = true;
			res = 0;
		}
	}
	if (res != -1 && tv && schedule_timeout(b, ev, *tv, tv_is_absolute))
		wake = true;
	if (wake && needs_notify(b))
		notify(b);
	debug::note_add(ev);
	return res;
}

} // namespace

int add(event *ev, const timeval *tv)
{
	event_base *b = base_of(ev, "event_add");
	if (!b)
		return -1;
	lock(b);
	const int r = add_locked(b, ev, tv, false);
	unlock(b);
	return r;
}

int add_nolock(event *ev, const timeval *tv, bool tv_is_absolute)
{
	return add_locked(ev->ev_base, ev, tv, tv_is_absolute);
}

int del(event *ev, DelWait wait)
{
	event_base *b = base_of(ev, "event_del");
	if (!b)
		return -1;
	lock(b);
	const int r = del_locked(b, ev, wait);
	unlock(b);
	return r;
}

int del_nolock(event *ev, DelWait wait)
{
	event_base *b = base_of(ev, "event_del");
	return b ? del_locked(b, ev, wait) : -1;
}

int remove_timer(event *ev)
{
	event_base *b = base_of(ev, "event_remove_timer");
	if (!b)
		return -1;
	lock(b);
	debug::assert_is_setup(ev);
	if (flags_of(ev) & EVLIST_TIMEOUT) {
		remove_timeout(b, ev);
		timerclear(&ev->ev_.ev_io.ev_timeout);
	}
	unlock(b);
	return 0;
}

void activate(event *ev, int res, short ncalls)
{
	event_base *b = base_of(ev, "event_active");
	if (!b)
		return;
	if (!b->lock && !b->notifiable && !debug::mode_on) {
		// The path below with nothing to lock, check or wake.
		activate_queue(b, ev, res, ncalls);
		return;
	}
	lock(b);
	debug::assert_is_setup(ev);
	activate_nolock(ev, res, ncalls);
	unlock(b);
}

bool activate_general(event *ev, int res, short ncalls)
{
	event_base *b = ev->ev_base;
	event_callback *cb = as_callback(ev);
	const short queued = cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER | EVLIST_FINALIZING);
	if (queued & EVLIST_FINALIZING)
		return false;
	if (queued & EVLIST_ACTIVE) {
		// Already queued: accumulate what happened.
		ev->ev_res = static_cast<short>(ev->ev_res | res);
		return false;
	}
	ev->ev_res = static_cast<short>((queued & EVLIST_ACTIVE_LATER) ? (ev->ev_res | res) : res);
	if (cb->evcb_pri < b->running_priority)
		b->continue_pass = true;
	if (ev->ev_events & EV_SIGNAL) {
		if (b->current == cb && !in_loop_thread(b))
			wait_for_running_callback(b);
		ev->ev_.ev_signal.ev_ncalls = ncalls;
		ev->ev_.ev_signal.ev_pncalls = nullptr;
	}
	// Re-read the flags: waiting above released the lock.
	if (cb->evcb_flags & EVLIST_ACTIVE_LATER)
		unqueue_active_later(b, cb);
	queue_active(b, cb);
	return true;
}

int pending(const event *ev, short what, timeval *tv)
{
	event_base *b = base_of(ev, "event_pending");
	if (!b)
		return 0;
	lock(b);
	debug::assert_is_setup(ev);
	const short flags = ev->ev_evcallback.evcb_flags;
	int found = 0;
	if (flags & EVLIST_INSERTED)
		found |= ev->ev_events & (kIoEvents | EV_SIGNAL);
	if (flags & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER))
		found |= ev->ev_res;
	if (flags & EVLIST_TIMEOUT)
		found |= EV_TIMEOUT;
	what &= EV_TIMEOUT | kIoEvents | EV_SIGNAL;
	if (tv && (found & what & EV_TIMEOUT)) {
		timeval mono = ev->ev_timeout;
		mono.tv_usec &= kCommonTimeoutMicros;
		// Report the deadline on the wall clock, as upstream does.
		*tv = clock::to_timeval(clock::from_timeval(mono) + wall_offset(b));
	}
	unlock(b);
	return found & what;
}

int finalize(unsigned flags, event *ev, event_finalize_callback_fn cb)
{
	event_base *b = base_of(ev, "event_finalize");
	if (!b)
		return -1;
	lock(b);
	del_nolock(ev, DelWait::NoBlock);
	ev->ev_evcallback.evcb_closure =
	        (flags & kFinalizeFree) ? kClosureEventFinalizeFree : kClosureEventFinalize;
	ev->ev_evcallback.evcb_cb_union.evcb_evfinalize = cb;
	activate_nolock(ev, EV_FINALIZE, 1);
	flags_of(ev) |= EVLIST_FINALIZING;
	unlock(b);
	return 0;
}

int base_once(event_base *b, evutil_socket_t fd, short events, event_callback_fn cb, void *arg,
              const timeval *tv)
{
	if (!b)
		return -1;
	// One-shot signals and persistent once-events make no sense.
	if (events & (EV_SIGNAL | EV_PERSIST))
		return -1;
	auto *once = static_cast<OnceEvent *>(mm::zalloc(1, sizeof(OnceEvent)));
	if (!once)
		return -1;
	once->cb = cb;
	once->arg = arg;

	bool activate_now = false;
	if ((events & (EV_TIMEOUT | EV_SIGNAL | kIoEvents)) == EV_TIMEOUT) {
		assign(&once->ev, b, -1, 0, once_trampoline, once);
		// "Run this soon" is a common idiom: skip the timer queue.
		activate_now = !tv || !timerisset(tv);
	} else if (events & kIoEvents) {
		assign(&once->ev, b, fd, static_cast<short>(events & kIoEvents), once_trampoline, once);
	} else {
		mm::release(once);
		return -1;
	}

	lock(b);
	int res = 0;
	if (activate_now)
		activate_nolock(&once->ev, EV_TIMEOUT, 1);
	else
		res = add_nolock(&once->ev, tv, false);
	if (res != 0) {
		unlock(b);
		mm::release(once);
		return res;
	}
	once->next = b->once_events;
	if (once->next)
		once->next->prev = &once->next;
	b->once_events = once;
	once->prev = &b->once_events;
	unlock(b);
	return 0;
}

event *create(event_base *b, evutil_socket_t fd, short events, event_callback_fn cb, void *arg)
{
	auto *ev = static_cast<event *>(mm::alloc(sizeof(event)));
	if (ev && assign(ev, b, fd, events, cb, arg) < 0) {
		mm::release(ev);
		return nullptr;
	}
	return ev;
}

void destroy(event *ev)
{
	debug::assert_is_setup(ev);
	del(ev, DelWait::Auto);
	debug::note_teardown(ev);
	mm::release(ev);
}

void unassign(event *ev)
{
	debug::assert_not_added(ev);
	debug::note_teardown(ev);
	ev->ev_evcallback.evcb_flags &= ~EVLIST_INIT;
}

int set_priority(event *ev, int pri)
{
	debug::assert_is_setup(ev);
	if (ev->ev_evcallback.evcb_flags & EVLIST_ACTIVE)
		return -1;
	if (pri < 0 || !ev->ev_base || pri >= ev->ev_base->npriorities)
		return -1;
	ev->ev_evcallback.evcb_pri = static_cast<uint8_t>(pri);
	return 0;
}

int move_to_base(event_base *b, event *ev)
{
	// Only a freshly set-up event may move to another base.
	if (ev->ev_evcallback.evcb_flags != EVLIST_INIT)
		return -1;
	debug::assert_is_setup(ev);
	ev->ev_base = b;
	ev->ev_evcallback.evcb_pri = static_cast<uint8_t>(b->npriorities / 2);
	return 0;
}

event *running_event(event_base *b)
{
	event *ev = nullptr;
	lock(b);
	if (in_loop_thread(b) && b->current && (b->current->evcb_flags & EVLIST_INIT))
		ev = as_event(b->current);
	unlock(b);
	return ev;
}

} // namespace evcxx::loop
