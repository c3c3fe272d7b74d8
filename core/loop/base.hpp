// struct event_base and struct event_config: the engine's loop state.
//
// An event's own state stays in the caller's struct event (upstream's
// layout, see queue.hpp for the link fields); the base holds the queues and
// tables that thread through those events.
#pragma once
#include <csignal>
#include <cstdint>
#include <cstdio>

#include <event2/event.h>
#include <event2/event_struct.h>

#include "backends/backend.hpp"
#include "core/loop/queue.hpp"
#include "core/thread/lock.hpp"
#include "core/time/clock.hpp"
#include "core/time/timer_heap.hpp"

namespace evcxx::loop {

// What evcb_closure holds: how the dispatcher runs the callback.
enum Closure : uint8_t {
	kClosureEvent = 0,
	kClosureSignal = 1,
	kClosurePersist = 2,
	kClosureSelf = 3,
	kClosureCallbackFinalize = 4,
	kClosureEventFinalize = 5,
	kClosureEventFinalizeFree = 6,
};

// Upstream's encoding of a common-timeout timeval: tv_usec carries a magic
// tag and the queue index above the microseconds (applications keep and
// pass back these timevals, so the encoding is ABI).
inline constexpr long kCommonTimeoutMicros = 0x000fffff;
inline constexpr long kCommonTimeoutIndexMask = 0x0ff00000;
inline constexpr int kCommonTimeoutIndexShift = 20;
inline constexpr long kCommonTimeoutMaskAll = 0xf0000000;
inline constexpr long kCommonTimeoutMagic = 0x50000000;
inline constexpr int kMaxCommonTimeouts = 256;

// Flag telling event_finalize to free the event afterwards (upstream value).
inline constexpr unsigned kFinalizeFree = 0x10000;

// How event_del waits for a callback running in another thread.
enum class DelWait { Auto, Block, NoBlock, EvenIfFinalizing };

// Interest in one fd: the events registered on it and what the backend
// holds. 16 bytes, one per fd number up to the largest in use.
struct FdSlot {
	event *events = nullptr; // newest first
	uint16_t nread = 0, nwrite = 0, nclose = 0;
	uint8_t kernel = 0;          // backend mask (kRead|kWrite|kClosed|kEdge) it holds now
	uint8_t edge : 1 = 0;        // an edge-triggered event is among `events`
	uint8_t queued : 1 = 0;      // listed in event_base::changed_fds
	uint8_t went_idle : 1 = 0;   // interest fell to zero since the last flush

	// What the events want, as a backend mask.
	short interest() const
	{
		return static_cast<short>((nread ? backend::kRead : 0) | (nwrite ? backend::kWrite : 0) |
		                          (nclose ? backend::kClosed : 0) | (edge ? backend::kEdge : 0));
	}
};
static_assert(sizeof(FdSlot) == 16);

struct CommonTimeout {
	TimeoutQueue events;
	timeval duration; // encoded form handed to the application
	event timer;      // internal heap timer for the queue's head
	event_base *base;
};

struct OnceEvent;

} // namespace evcxx::loop

struct event_config {
	struct AvoidedMethod {
		AvoidedMethod *next;
		char *name;
	};
	AvoidedMethod *avoided = nullptr;
	int require_features = 0;
	int flags = 0;
	int n_cpus_hint = 0;
	timeval max_dispatch_interval = {-1, 0};
	int max_dispatch_callbacks = 0x7fffffff;
	int limit_callbacks_after_prio = 1;
};

struct event_base {
	evcxx::backend::Backend *backend = nullptr;
	int flags = 0;      // EVENT_BASE_FLAG_*
	int features = 0;   // the backend's EV_FEATURE_*
	const char *method_name = nullptr; // what event_base_get_method reports
	short edge_result_bit = 0;         // EV_ET where the backend has edges (added to results)

	// Active callbacks, one FIFO per priority, and those activated "later"
	// (they join at the start of the next iteration).
	evcxx::loop::CallbackQueue *active = nullptr;
	int npriorities = 0;
	evcxx::loop::CallbackQueue active_later;
	int running_priority = -1;
	// Deferred callbacks queued to run in this pass (see schedule_deferred).
	int n_deferreds_queued = 0;

	// Upstream's counters: event_count counts list memberships (inserted,
	// timeout, active) of non-internal events; they are observable through
	// event_base_get_num_events/get_max_events.
	int event_count = 0, event_count_max = 0;
	int active_count = 0, active_count_max = 0;
	int virtual_count = 0, virtual_count_max = 0;

	evcxx::time::TimerHeap timers;
	evcxx::loop::CommonTimeout **common_timeouts = nullptr;
	int n_common_timeouts = 0;

	// I/O interest, indexed by fd, and the fds whose interest changed since
	// the last flush to the backend.
	evcxx::loop::FdSlot *fds = nullptr;
	int nfds = 0;
	int *changed_fds = nullptr;
	int n_changed = 0, changed_cap = 0;
	bool defer_first_registration = false; // EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST

	// Signals: events per signal number and the plumbing that turns a
	// signal into a readable byte (core/signal).
	event *signal_events[NSIG] = {};
	int signal_pair[2] = {-1, -1};
	event signal_reader;
	bool signal_reader_added = false;
	int signals_handled = 0; // signal numbers this base installed a handler for
	struct sigaction *saved_handlers[NSIG] = {};

	// Time: the cached monotonic time during a loop pass (0 = not cached)
	// and the wall-clock offset reported by event_base_gettimeofday_cached.
	evcxx::clock::Nanos cached_now = 0;
	bool time_cache_open = false; // the pass's first clock reading is kept in cached_now
	evcxx::clock::Nanos wall_offset = 0;
	evcxx::clock::Nanos wall_offset_taken = 0;

	// Loop control.
	bool running_loop = false;
	bool got_exit = false;
	bool got_break = false;
	bool continue_pass = false;
	event_callback *current = nullptr;
	int current_waiters = 0;
	timeval max_dispatch_interval = {-1, 0};
	int max_dispatch_callbacks = 0x7fffffff;
	int limit_callbacks_after_prio = 1;

	// Threads: lock and condition from the application's callbacks (nullptr
	// without them), the loop thread, and the wakeup eventfd.
	void *lock = nullptr;
	void *current_cond = nullptr;
	unsigned long owner_thread = 0;
	int notify_fd = -1;
	event notify_reader;
	bool notifiable = false;
	bool notify_pending = false;
	// Set when the backend's first readiness report retook the lock that
	// the loop released around the wait.
	bool relocked_in_wait = false;

	// event_base_once allocations still pending, freed with the base.
	evcxx::loop::OnceEvent *once_events = nullptr;
};

namespace evcxx::loop {

// An event_base_once allocation.
struct OnceEvent {
	event ev;
	void (*cb)(evutil_socket_t, short, void *);
	void *arg;
	OnceEvent *next;
	OnceEvent **prev;
};

inline event_callback *as_callback(event *ev) { return &ev->ev_evcallback; }
inline event *as_event(event_callback *cb) { return reinterpret_cast<event *>(cb); }

// The base lock (nullptr without thread callbacks).
inline void lock(event_base *b) { thread::lock(b->lock); }
inline void unlock(event_base *b) { thread::unlock(b->lock); }
bool in_loop_thread(const event_base *b);
// Whether this thread is not the one running b's loop (which then may be asleep).
inline bool loop_runs_elsewhere(const event_base *b)
{
	return b->running_loop && b->owner_thread != thread::current_id();
}
// Whether a change made from this thread must wake the loop. Only a
// notifiable base (one with thread callbacks) can be woken, so test that
// first: single-threaded programs pay one branch.
inline bool needs_notify(const event_base *b) { return b->notifiable && loop_runs_elsewhere(b); }
int notify(event_base *b);
int make_notifiable(event_base *b);

// Base lifetime and configuration (base.cpp).
event_base *base_new(const event_config *cfg);
void base_free(event_base *b, bool run_finalizers);
int base_reinit(event_base *b);
int priority_init(event_base *b, int npriorities);
const char **supported_methods();

// Events (event.cpp).
int assign(event *ev, event_base *b, evutil_socket_t fd, short events,
           event_callback_fn cb, void *arg);
event *create(event_base *b, evutil_socket_t fd, short events, event_callback_fn cb, void *arg);
void destroy(event *ev);           // event_free
void unassign(event *ev);          // event_debug_unassign
int set_priority(event *ev, int pri);
int move_to_base(event_base *b, event *ev); // event_base_set
event *running_event(event_base *b);
int add(event *ev, const timeval *tv);
int add_nolock(event *ev, const timeval *tv, bool tv_is_absolute);
int del(event *ev, DelWait wait);
int del_nolock(event *ev, DelWait wait);
int remove_timer(event *ev);
void activate(event *ev, int res, short ncalls);
int pending(const event *ev, short what, timeval *tv);
int finalize(unsigned flags, event *ev, event_finalize_callback_fn cb);
int base_once(event_base *b, evutil_socket_t fd, short events, event_callback_fn cb,
              void *arg, const timeval *tv);

// Time (time_cache.cpp). now() is the cached pass time when there is one,
// else a fresh reading. Both are whole microseconds, as upstream's timeval
// clock, so deadlines counted from them are whole microseconds too.
inline clock::Nanos now(event_base *b)
{
	if (b->cached_now)
		return b->cached_now;
	const clock::Nanos t = clock::monotonic_micros();
	if (b->time_cache_open)
		b->cached_now = t;
	return t;
}
// Wall clock minus monotonic clock, re-measured every few seconds.
clock::Nanos wall_offset(event_base *b);
// A pass's cached time is read lazily, at its first use after
// open_time_cache: a pass that never asks for the time (no timers, no
// timeouts added) never reads the clock. refresh_time_cache reads it now.
void open_time_cache(event_base *b);
void refresh_time_cache(event_base *b);
void clear_time_cache(event_base *b);
int gettimeofday_cached(event_base *b, timeval *tv);
int update_cache_time(event_base *b);

// Common timeouts (common_timeout.cpp).
const timeval *init_common_timeout(event_base *b, const timeval *duration);
CommonTimeout *common_timeout_for(const event_base *b, const timeval &tv);
inline bool is_common_timeout(const timeval &tv, const event_base *b)
{
	return (tv.tv_usec & kCommonTimeoutMaskAll) == kCommonTimeoutMagic &&
	       ((tv.tv_usec & kCommonTimeoutIndexMask) >> kCommonTimeoutIndexShift) < b->n_common_timeouts;
}
void common_timeout_insert(event_base *b, event *ev);
void common_timeout_remove(event_base *b, event *ev);
void free_common_timeouts(event_base *b);

// The loop (dispatch.cpp).
int run(event_base *b, int flags);
int loopexit(event_base *b, const timeval *tv);
int loopbreak(event_base *b);
int loopcontinue(event_base *b);

// Queues and counters shared by event.cpp and dispatch.cpp.
// These run for every callback, so they are inline.
inline void count_insert(event_base *b, short flags)
{
	if (!(flags & EVLIST_INTERNAL) && ++b->event_count > b->event_count_max)
		b->event_count_max = b->event_count;
}
inline void count_remove(event_base *b, short flags)
{
	if (!(flags & EVLIST_INTERNAL))
		--b->event_count;
}
// Put `cb`, which is on no queue, at the tail of its priority's queue.
inline void push_active(event_base *b, event_callback *cb)
{
	count_insert(b, cb->evcb_flags);
	cb->evcb_flags |= EVLIST_ACTIVE;
	if (++b->active_count > b->active_count_max)
		b->active_count_max = b->active_count;
	b->active[cb->evcb_pri].push_back(cb);
}
inline void queue_active(event_base *b, event_callback *cb)
{
	if (!(cb->evcb_flags & EVLIST_ACTIVE))
		push_active(b, cb);
}
inline void unqueue_active(event_base *b, event_callback *cb)
{
	count_remove(b, cb->evcb_flags);
	cb->evcb_flags &= ~EVLIST_ACTIVE;
	--b->active_count;
	b->active[cb->evcb_pri].remove(cb);
}
void queue_active_later(event_base *b, event_callback *cb);
void unqueue_active_later(event_base *b, event_callback *cb);
// Take `cb` off whichever queue holds it; false if none.
inline bool unqueue_any(event_base *b, event_callback *cb)
{
	if (cb->evcb_flags & EVLIST_ACTIVE)
		unqueue_active(b, cb);
	else if (cb->evcb_flags & EVLIST_ACTIVE_LATER)
		unqueue_active_later(b, cb);
	else
		return false;
	return true;
}
// Activation. The common case, an idle event that is not a signal event,
// is inline; activate_general takes the rest and says whether it queued
// the event (it does not when the event was queued already or finalizing).
bool activate_general(event *ev, int res, short ncalls);
inline bool activate_queue(event_base *b, event *ev, int res, short ncalls)
{
	event_callback *cb = as_callback(ev);
	if ((cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER | EVLIST_FINALIZING)) ||
	    (ev->ev_events & EV_SIGNAL))
		return activate_general(ev, res, ncalls);
	ev->ev_res = static_cast<short>(res);
	if (cb->evcb_pri < b->running_priority)
		b->continue_pass = true;
	push_active(b, cb);
	return true;
}
// Activation from any thread: a loop sleeping elsewhere is woken. The loop
// itself calls activate_queue, as it never needs waking.
inline void activate_nolock(event *ev, int res, short ncalls)
{
	event_base *b = ev->ev_base;
	if (activate_queue(b, ev, res, ncalls) && needs_notify(b))
		notify(b);
}
// An event's timeout lives in the heap or, for a common timeout, in its queue.
inline void insert_timeout(event_base *b, event *ev, clock::Nanos when, bool common)
{
	count_insert(b, ev->ev_evcallback.evcb_flags);
	ev->ev_evcallback.evcb_flags |= EVLIST_TIMEOUT;
	if (common)
		common_timeout_insert(b, ev);
	else
		b->timers.push(ev, when);
}

inline void remove_timeout(event_base *b, event *ev)
{
	count_remove(b, ev->ev_evcallback.evcb_flags);
	ev->ev_evcallback.evcb_flags &= ~EVLIST_TIMEOUT;
	if (is_common_timeout(ev->ev_timeout, b))
		common_timeout_remove(b, ev);
	else
		b->timers.erase(ev);
}
bool have_events(const event_base *b);

// I/O interest per fd (io_map.cpp; adding and deleting in io_interest.hpp).
int flush_changes(event_base *b);
int reregister_all_fds(event_base *b);
void free_fd_table(event_base *b);
void io_ready(void *base, int fd, short what);
void activate_fd(event_base *b, int fd, short what);

// Inspection (inspect.cpp).
int foreach_event(event_base *b, event_base_foreach_event_cb fn, void *arg);
void dump_events(event_base *b, FILE *out);
int num_events(event_base *b, unsigned type);
int max_events(event_base *b, unsigned type, int clear);
void active_by_fd(event_base *b, evutil_socket_t fd, short events);
void active_by_signal(event_base *b, int sig);

} // namespace evcxx::loop
