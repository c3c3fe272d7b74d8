// I/O interest per fd, the part event_add/event_del run on every call:
// counting an event in or out of its fd's slot and queueing the change.
// Inline, so that adding or deleting an I/O event is one function; the rest
// of the fd table (growth, flushing to the backend) is in io_map.cpp.
#pragma once
#include "core/loop/base.hpp"
#include "core/loop/debug.hpp"
#include "core/util/log.hpp"

namespace evcxx::loop {

inline constexpr uint16_t kMaxPerFd = 0xffff;

// io_map.cpp
bool grow_table(event_base *b, int fd);
bool grow_changes(event_base *b);
void apply(event_base *b, int fd, FdSlot &s, short want);
// Whether an edge-triggered event remains among `ev` and its successors.
bool has_edge_event(const event *ev);

inline bool queue_change(event_base *b, int fd)
{
	FdSlot &s = b->fds[fd];
	if (s.queued)
		return true;
	if (b->n_changed == b->changed_cap && !grow_changes(b))
		return false;
	b->changed_fds[b->n_changed++] = fd;
	s.queued = true;
	return true;
}

// Count an event's interest in or out of its fd. A bit of the slot's mask
// changes only when its counter leaves or reaches zero (for the edge bit:
// when the first edge-triggered event arrives or the last one leaves; `ev`
// must be off the fd's list when it is counted out); each returns the bits
// that changed.
[[gnu::always_inline]] inline short count_in(FdSlot &s, short events)
{
	short appeared = 0;
	if ((events & EV_READ) && s.nread++ == 0)
		appeared |= backend::kRead;
	if ((events & EV_WRITE) && s.nwrite++ == 0)
		appeared |= backend::kWrite;
	if ((events & EV_CLOSED) && s.nclose++ == 0)
		appeared |= backend::kClosed;
	if ((events & EV_ET) && !s.edge) {
		s.edge = 1;
		appeared |= backend::kEdge;
	}
	return appeared;
}

[[gnu::always_inline]] inline short count_out(FdSlot &s, short events)
{
	short vanished = 0;
	if ((events & EV_READ) && --s.nread == 0)
		vanished |= backend::kRead;
	if ((events & EV_WRITE) && --s.nwrite == 0)
		vanished |= backend::kWrite;
	if ((events & EV_CLOSED) && --s.nclose == 0)
		vanished |= backend::kClosed;
	if ((events & EV_ET) && !has_edge_event(s.events)) {
		s.edge = 0;
		vanished |= backend::kEdge;
	}
	return vanished;
}

// io_add/io_del return -1 on error, 1 when the loop thread must be woken,
// 0 otherwise.
[[gnu::always_inline]] inline int io_add(event_base *b, event *ev)
{
	const int fd = ev->ev_fd;
	if (fd < 0)
		return 0;
	if (fd >= b->nfds && !grow_table(b, fd))
		return -1;
	FdSlot &s = b->fds[fd];
	const short events = ev->ev_events;
	// One test for the common case, that no counter is near its limit.
	if ((s.nread == kMaxPerFd || s.nwrite == kMaxPerFd || s.nclose == kMaxPerFd) &&
	    (((events & EV_READ) && s.nread == kMaxPerFd) || ((events & EV_WRITE) && s.nwrite == kMaxPerFd) ||
	     ((events & EV_CLOSED) && s.nclose == kMaxPerFd))) {
		log::warnx("Too many events reading or writing on fd %d", fd);
		return -1;
	}
	if (debug::mode_on && s.events && ((s.events->ev_events ^ events) & EV_ET)) {
		log::warnx("Tried to mix edge-triggered and non-edge-triggered events on fd %d", fd);
		return -1;
	}
	int result = 0;
	if (count_in(s, events)) {
		const bool immediate = s.kernel == 0 && !s.queued && !b->defer_first_registration &&
		                       (!b->running_loop || in_loop_thread(b));
		if (immediate) {
			const short after = s.interest();
			if (b->backend->update(fd, 0, after) == -1) {
				count_out(s, events);
				return -1;
			}
			s.kernel = static_cast<uint8_t>(after);
		} else if (!queue_change(b, fd)) {
			count_out(s, events);
			return -1;
		}
		result = 1;
	}
	io_list_push(s.events, ev);
	return result;
}

[[gnu::always_inline]] inline int io_del(event_base *b, event *ev)
{
	const int fd = ev->ev_fd;
	if (fd < 0)
		return 0;
	if (fd >= b->nfds)
		return -1;
	FdSlot &s = b->fds[fd];
	io_list_remove(ev);
	if (!count_out(s, ev->ev_events))
		return 0;
	// Every event on an fd wants something, so no interest is left exactly
	// when no event is.
	if (!s.events)
		s.went_idle = true;
	if (!queue_change(b, fd))
		apply(b, fd, s, s.interest());
	return 1;
}

} // namespace evcxx::loop
