// Creating, configuring, re-initialising after fork, and freeing a base.
#include <cstdlib>
#include <cstring>
#include <new>
#include <unistd.h>

#include "core/loop/base.hpp"
#include "core/loop/debug.hpp"
#include "core/loop/globals.hpp"
#include "core/signal/signal.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::globals {
event_base *current_base = nullptr;

void *self_cbarg()
{
	static char marker;
	return &marker;
}
} // namespace evcxx::globals

namespace evcxx::loop {
namespace {

struct MethodInfo {
	const char *name;
	const char *disable_env; // EVENT_NO<NAME>
	int features;
	backend::Backend *(*create)();
};

// Upstream's preference order on Linux.
constexpr MethodInfo kMethods[] = {
	{"epoll", "EVENT_NOEPOLL", EV_FEATURE_ET | EV_FEATURE_O1 | EV_FEATURE_EARLY_CLOSE, backend::create_epoll},
	{"poll", "EVENT_NOPOLL", EV_FEATURE_FDS | EV_FEATURE_EARLY_CLOSE, backend::create_poll},
	{"select", "EVENT_NOSELECT", EV_FEATURE_FDS, backend::create_select},
};

const char *method_names[] = {"epoll", "poll", "select", nullptr};

bool env_set(const char *name) { return std::getenv(name) != nullptr; }

bool avoided(const event_config *cfg, const char *name)
{
	for (auto *a = cfg->avoided; a; a = a->next)
		if (std::strcmp(a->name, name) == 0)
			return true;
	return false;
}

// Delete every non-internal event and run pending finalizers; returns how
// many callbacks were removed (the caller repeats until none are left,
// since finalizers may add more).
int drop_queues(event_base *b, bool run_finalizers)
{
	int removed = 0;
	auto drop = [&](event_callback *cb) {
		if (cb->evcb_flags & EVLIST_INTERNAL)
			return false;
		if (cb->evcb_flags & EVLIST_INIT) {
			event *ev = as_event(cb);
			const bool finalizing = (cb->evcb_flags & EVLIST_FINALIZING);
			del_nolock(ev, DelWait::EvenIfFinalizing);
			if (finalizing && run_finalizers && cb->evcb_closure >= kClosureEventFinalize) {
				auto fn = cb->evcb_cb_union.evcb_evfinalize;
				const bool free_after = cb->evcb_closure == kClosureEventFinalizeFree;
				cb->evcb_flags &= ~EVLIST_FINALIZING;
				fn(ev, cb->evcb_arg);
				if (free_after)
					mm::release(ev);
			}
		} else {
			unqueue_any(b, cb);
			if (run_finalizers && cb->evcb_closure == kClosureCallbackFinalize)
				cb->evcb_cb_union.evcb_cbfinalize(cb, cb->evcb_arg);
		}
		return true;
	};
	for (int pri = 0; pri < b->npriorities; ++pri) {
		event_callback *next;
		for (event_callback *cb = b->active[pri].first; cb; cb = next) {
			next = cb->evcb_active_next.tqe_next;
			removed += drop(cb);
		}
	}
	event_callback *next;
	for (event_callback *cb = b->active_later.first; cb; cb = next) {
		next = cb->evcb_active_next.tqe_next;
		removed += drop(cb);
	}
	return removed;
}

void delete_pending_events(event_base *b)
{
	int deleted = 0;
	for (int fd = 0; fd < b->nfds; ++fd) {
		event *next;
		for (event *ev = b->fds[fd].events; ev; ev = next) {
			next = ev->ev_.ev_io.ev_io_next.le_next;
			if (!(ev->ev_evcallback.evcb_flags & EVLIST_INTERNAL)) {
				del_nolock(ev, DelWait::EvenIfFinalizing);
				++deleted;
			}
		}
	}
	for (int sig = 1; sig < NSIG; ++sig) {
		event *next;
		for (event *ev = b->signal_events[sig]; ev; ev = next) {
			next = ev->ev_.ev_signal.ev_signal_next.le_next;
			del_nolock(ev, DelWait::EvenIfFinalizing);
			++deleted;
		}
	}
	while (!b->timers.empty()) {
		event *ev = b->timers.top().ev;
		del_nolock(ev, DelWait::EvenIfFinalizing);
		if (!(ev->ev_evcallback.evcb_flags & EVLIST_INTERNAL))
			++deleted;
	}
	for (int i = 0; i < b->n_common_timeouts; ++i) {
		CommonTimeout *ct = b->common_timeouts[i];
		while (!ct->events.empty()) {
			del_nolock(ct->events.first, DelWait::EvenIfFinalizing);
			++deleted;
		}
	}
	if (deleted)
		log::debugx("event_base_free: %d events were still set in base", deleted);
}

} // namespace

const char **supported_methods() { return method_names; }

int priority_init(event_base *b, int npriorities)
{
	if (b->active_count || npriorities < 1 || npriorities >= EVENT_MAX_PRIORITIES)
		return -1;
	if (npriorities == b->npriorities)
		return 0;
	auto *queues = static_cast<CallbackQueue *>(mm::alloc(size_t(npriorities) * sizeof(CallbackQueue)));
	if (!queues) {
		log::warn("event_base_priority_init: allocation failed");
		return -1;
	}
	for (int i = 0; i < npriorities; ++i)
		new (&queues[i]) CallbackQueue();
	mm::release(b->active);
	b->active = queues;
	b->npriorities = npriorities;
	return 0;
}

event_base *base_new(const event_config *cfg)
{
	auto *b = mm::make<event_base>();
	if (!b) {
		log::warn("event_base_new: allocation failed");
		return nullptr;
	}
	debug::mode_locked_in = true;
	if (cfg)
		b->flags = cfg->flags;
	const bool use_env = !(b->flags & EVENT_BASE_FLAG_IGNORE_ENV);
	if (use_env && env_set("EVENT_PRECISE_TIMER"))
		b->flags |= EVENT_BASE_FLAG_PRECISE_TIMER;
	if (use_env && env_set("EVENT_EPOLL_USE_CHANGELIST"))
		b->flags |= EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST;
	b->defer_first_registration = (b->flags & EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST) != 0;
	if (cfg) {
		b->max_dispatch_interval = cfg->max_dispatch_interval;
		b->max_dispatch_callbacks = cfg->max_dispatch_callbacks;
		b->limit_callbacks_after_prio = cfg->limit_callbacks_after_prio;
	}

	for (const MethodInfo &m : kMethods) {
		if (cfg && avoided(cfg, m.name))
			continue;
		if (cfg && (m.features & cfg->require_features) != cfg->require_features)
			continue;
		if (use_env && env_set(m.disable_env))
			continue;
		b->backend = m.create();
		if (b->backend) {
			b->features = m.features;
			break;
		}
	}
	if (!b->backend) {
		log::warnx("event_base_new_with_config: no event mechanism available");
		base_free(b, false);
		return nullptr;
	}
	b->method_name = b->backend->name();
	b->edge_result_bit = (b->features & EV_FEATURE_ET) ? EV_ET : 0;
	if (b->defer_first_registration && b->features & EV_FEATURE_ET)
		b->method_name = "epoll (with changelist)";
	if (env_set("EVENT_SHOW_METHOD"))
		log::msgx("libevent using: %s", b->method_name);

	if (priority_init(b, 1) == -1) {
		base_free(b, false);
		return nullptr;
	}

	if (thread::locking_enabled() && !(cfg && (cfg->flags & EVENT_BASE_FLAG_NOLOCK))) {
		b->lock = thread::alloc_lock(0);
		b->current_cond = thread::alloc_cond();
		if (make_notifiable(b) == -1) {
			log::warnx("event_base_new_with_config: cannot make the base notifiable");
			base_free(b, false);
			return nullptr;
		}
	}
	return b;
}

void base_free(event_base *b, bool run_finalizers)
{
	if (!b && globals::current_base)
		b = globals::current_base;
	if (!b) {
		log::warnx("event_base_free: no base to free");
		return;
	}
	if (b == globals::current_base)
		globals::current_base = nullptr;

	if (b->notifiable) {
		del_nolock(&b->notify_reader, DelWait::EvenIfFinalizing);
		::close(b->notify_fd);
		b->notify_fd = -1;
		b->notifiable = false;
	}
	if (b->signal_reader_added) {
		del_nolock(&b->signal_reader, DelWait::EvenIfFinalizing);
		b->signal_reader_added = false;
	}
	if (b->active) {
		delete_pending_events(b);
		while (drop_queues(b, run_finalizers) > 0) {
		}
	}
	signal::release(b);

	while (OnceEvent *once = b->once_events) {
		b->once_events = once->next;
		mm::release(once);
	}
	free_common_timeouts(b);
	if (b->backend)
		b->backend->destroy();
	free_fd_table(b);
	mm::release(b->active);
	thread::free_lock(b->lock, 0);
	thread::free_cond(b->current_cond);
	mm::destroy(b);
}

int base_reinit(event_base *b)
{
	lock(b);
	int result = 0;
	if (b->backend->reinit() == -1) {
		log::errx(1, "event_reinit: could not reinitialize event mechanism");
	}
	if (reregister_all_fds(b) == -1)
		result = -1;
	if (signal::reinit(b) == -1)
		result = -1;
	if (b->notifiable) {
		del_nolock(&b->notify_reader, DelWait::Auto);
		::close(b->notify_fd);
		b->notify_fd = -1;
		b->notifiable = false;
		if (result == 0)
			result = make_notifiable(b);
	}
	unlock(b);
	return result;
}

} // namespace evcxx::loop
