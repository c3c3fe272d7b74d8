// Looking into a base: iteration over its events, counters, dumps, and
// activating events by fd or signal on the application's request.
#include <cinttypes>
#include <climits>

#include "core/loop/base.hpp"

namespace evcxx::loop {
namespace {
// Visit each event once: registered I/O and signal events (with or without
// timeouts), then pure timers, then events that are only active. Internal
// events are skipped unless `internal`. Stops at the first non-zero result.
template <class Visit>
int walk(event_base *b, bool internal, Visit visit)
{
	auto shown = [internal](const event *ev) {
		return internal || !(ev->ev_evcallback.evcb_flags & EVLIST_INTERNAL);
	};
	auto pure_timer = [&](const event *ev) {
		return shown(ev) && !(ev->ev_evcallback.evcb_flags & EVLIST_INSERTED);
	};
	int r = 0;
	for (int fd = 0; fd < b->nfds && !r; ++fd)
		for (event *ev = b->fds[fd].events; ev && !r; ev = ev->ev_.ev_io.ev_io_next.le_next)
			if (shown(ev))
				r = visit(ev);
	for (int sig = 1; sig < NSIG && !r; ++sig)
		for (event *ev = b->signal_events[sig]; ev && !r; ev = ev->ev_.ev_signal.ev_signal_next.le_next)
			r = visit(ev);
	for (size_t i = 0; i < b->timers.size() && !r; ++i)
		if (pure_timer(b->timers.at(i).ev))
			r = visit(b->timers.at(i).ev);
	for (int i = 0; i < b->n_common_timeouts && !r; ++i)
		for (event *ev = b->common_timeouts[i]->events.first; ev && !r;
		     ev = ev->ev_timeout_pos.ev_next_with_common_timeout.tqe_next)
			if (pure_timer(ev))
				r = visit(ev);
	for (int pri = 0; pri < b->npriorities && !r; ++pri)
		for (event_callback *cb = b->active[pri].first; cb && !r; cb = cb->evcb_active_next.tqe_next)
			if ((cb->evcb_flags & EVLIST_INIT) && !(cb->evcb_flags & (EVLIST_INSERTED | EVLIST_TIMEOUT)) &&
			    shown(as_event(cb)))
				r = visit(as_event(cb));
	return r;
}
} // namespace

int foreach_event(event_base *b, event_base_foreach_event_cb fn, void *arg)
{
	return walk(b, false, [&](event *ev) { return fn(b, ev, arg); });
}

namespace {
int dump_one(event_base *b, const event *ev, void *arg)
{
	auto *out = static_cast<FILE *>(arg);
	const short flags = ev->ev_evcallback.evcb_flags;
	if (!(flags & (EVLIST_INSERTED | EVLIST_TIMEOUT)))
		return 0;
	std::fprintf(out, "  %p [%s %" PRIdPTR "]%s%s%s%s%s%s%s", static_cast<const void *>(ev),
	             (ev->ev_events & EV_SIGNAL) ? "sig" : "fd ", static_cast<intptr_t>(ev->ev_fd),
	             (ev->ev_events & EV_READ) ? " Read" : "", (ev->ev_events & EV_WRITE) ? " Write" : "",
	             (ev->ev_events & EV_CLOSED) ? " EOF" : "", (ev->ev_events & EV_SIGNAL) ? " Signal" : "",
	             (ev->ev_events & EV_PERSIST) ? " Persist" : "", (ev->ev_events & EV_ET) ? " ET" : "",
	             (flags & EVLIST_INTERNAL) ? " Internal" : "");
	if (flags & EVLIST_TIMEOUT) {
		timeval tv = ev->ev_timeout;
		tv.tv_usec &= kCommonTimeoutMicros;
		const timeval wall = clock::to_timeval(clock::from_timeval(tv) + wall_offset(b));
		std::fprintf(out, " Timeout=%ld.%06d", static_cast<long>(wall.tv_sec),
		             static_cast<int>(wall.tv_usec & kCommonTimeoutMicros));
	}
	std::fputc('\n', out);
	return 0;
}

int dump_active(const event_base *, const event *ev, void *arg)
{
	auto *out = static_cast<FILE *>(arg);
	const short flags = ev->ev_evcallback.evcb_flags;
	if (!(flags & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER)))
		return 0;
	std::fprintf(out, "  %p [%s %" PRIdPTR ", priority=%d]%s%s%s%s%s active%s%s\n",
	             static_cast<const void *>(ev), (ev->ev_events & EV_SIGNAL) ? "sig" : "fd ",
	             static_cast<intptr_t>(ev->ev_fd), ev->ev_evcallback.evcb_pri,
	             (ev->ev_res & EV_READ) ? " Read" : "", (ev->ev_res & EV_WRITE) ? " Write" : "",
	             (ev->ev_res & EV_CLOSED) ? " EOF" : "", (ev->ev_res & EV_SIGNAL) ? " Signal" : "",
	             (ev->ev_res & EV_TIMEOUT) ? " Timeout" : "", (flags & EVLIST_INTERNAL) ? " [Internal]" : "",
	             (flags & EVLIST_ACTIVE_LATER) ? " [NextTime]" : "");
	return 0;
}

} // namespace

void dump_events(event_base *b, FILE *out)
{
	std::fprintf(out, "Inserted events:\n");
	walk(b, true, [&](event *ev) { return dump_one(b, ev, out); });
	std::fprintf(out, "Active events:\n");
	walk(b, true, [&](event *ev) { return dump_active(b, ev, out); });
}

int num_events(event_base *b, unsigned type)
{
	int n = 0;
	if (type & EVENT_BASE_COUNT_ACTIVE)
		n += b->active_count;
	if (type & EVENT_BASE_COUNT_VIRTUAL)
		n += b->virtual_count;
	if (type & EVENT_BASE_COUNT_ADDED)
		n += b->event_count;
	return n;
}

int max_events(event_base *b, unsigned type, int clear)
{
	int n = 0;
	if (type & EVENT_BASE_COUNT_ACTIVE) {
		n += b->active_count_max;
		if (clear)
			b->active_count_max = 0;
	}
	if (type & EVENT_BASE_COUNT_VIRTUAL) {
		n += b->virtual_count_max;
		if (clear)
			b->virtual_count_max = 0;
	}
	if (type & EVENT_BASE_COUNT_ADDED) {
		n += b->event_count_max;
		if (clear)
			b->event_count_max = 0;
	}
	return n;
}

void active_by_fd(event_base *b, evutil_socket_t fd, short events)
{
	lock(b);
	if (!(events & EV_TIMEOUT)) {
		activate_fd(b, static_cast<int>(fd), static_cast<short>(events & (EV_READ | EV_WRITE | EV_CLOSED)));
	} else {
		// Timer events on this fd: those in the heap and the common queues.
		for (size_t i = 0; i < b->timers.size(); ++i) {
			event *ev = b->timers.at(i).ev;
			if (ev->ev_fd == fd)
				activate_nolock(ev, EV_TIMEOUT, 1);
		}
		for (int i = 0; i < b->n_common_timeouts; ++i)
			for (event *ev = b->common_timeouts[i]->events.first; ev;
			     ev = ev->ev_timeout_pos.ev_next_with_common_timeout.tqe_next)
				if (ev->ev_fd == fd)
					activate_nolock(ev, EV_TIMEOUT, 1);
	}
	unlock(b);
}

void active_by_signal(event_base *b, int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return;
	lock(b);
	event *next;
	for (event *ev = b->signal_events[sig]; ev; ev = next) {
		next = ev->ev_.ev_signal.ev_signal_next.le_next;
		activate_nolock(ev, EV_SIGNAL, 1);
	}
	unlock(b);
}

} // namespace evcxx::loop
