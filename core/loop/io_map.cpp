// I/O interest per fd: an fd-indexed table of the events on each fd and of
// what the backend holds. Interest changes are coalesced and flushed once
// per loop pass, except a first registration, which goes to the backend at
// once so that a refused fd fails event_add() as it does upstream.
#include <new>

#include "core/loop/base.hpp"
#include "core/loop/debug.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::loop {
namespace {
constexpr uint16_t kMaxPerFd = 0xffff;

bool grow_table(event_base *b, int fd)
{
	int n = b->nfds ? b->nfds : 64;
	while (n <= fd)
		n *= 2;
	auto *grown = static_cast<FdSlot *>(mm::realloc(b->fds, size_t(n) * sizeof(FdSlot)));
	if (!grown)
		return false;
	// Each list's first event points back at its head inside the table.
	for (int i = 0; i < b->nfds; ++i)
		if (grown[i].events)
			grown[i].events->ev_.ev_io.ev_io_next.le_prev = &grown[i].events;
	for (int i = b->nfds; i < n; ++i)
		new (&grown[i]) FdSlot();
	b->fds = grown;
	b->nfds = n;
	return true;
}

bool grow_changes(event_base *b)
{
	const int cap = b->changed_cap ? b->changed_cap * 2 : 16;
	void *grown = mm::realloc(b->changed_fds, size_t(cap) * sizeof(int));
	if (!grown)
		return false;
	b->changed_fds = static_cast<int *>(grown);
	b->changed_cap = cap;
	return true;
}

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

void apply(event_base *b, int fd, FdSlot &s, short want)
{
	// On failure the backend logged it; it holds nothing for this fd now.
	s.kernel = static_cast<uint8_t>(b->backend->update(fd, s.kernel, want) == 0 ? want : 0);
	s.went_idle = false;
}

// Whether an edge-triggered event remains among `ev` and its successors.
bool has_edge_event(const event *ev)
{
	for (; ev; ev = ev->ev_.ev_io.ev_io_next.le_next)
		if (ev->ev_events & EV_ET)
			return true;
	return false;
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
} // namespace

int io_add(event_base *b, event *ev)
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

int io_del(event_base *b, event *ev)
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
	if (!(s.nread | s.nwrite | s.nclose | s.edge))
		s.went_idle = true;
	if (!queue_change(b, fd))
		apply(b, fd, s, s.interest());
	return 1;
}

int flush_changes(event_base *b)
{
	for (int i = 0; i < b->n_changed; ++i) {
		const int fd = b->changed_fds[i];
		FdSlot &s = b->fds[fd];
		s.queued = false;
		const short want = s.interest();
		// Interest that dropped to zero and came back is re-asserted: the
		// fd may have been closed and reopened in between.
		if (want != s.kernel || (s.went_idle && want))
			apply(b, fd, s, want);
		s.went_idle = false;
	}
	b->n_changed = 0;
	return 0;
}

int reregister_all_fds(event_base *b)
{
	int result = 0;
	for (int fd = 0; fd < b->nfds; ++fd) {
		FdSlot &s = b->fds[fd];
		s.queued = false;
		s.went_idle = false;
		s.kernel = 0;
		const short want = s.interest();
		if (want) {
			apply(b, fd, s, want);
			if (s.kernel != want)
				result = -1;
		}
	}
	b->n_changed = 0;
	return result;
}

void free_fd_table(event_base *b)
{
	mm::release(b->fds);
	mm::release(b->changed_fds);
	b->fds = nullptr;
	b->changed_fds = nullptr;
	b->nfds = b->n_changed = b->changed_cap = 0;
}

namespace {
// Queue the events on one fd that `what` selects; true if any was queued.
// The edge bit never selects an event, but an edge-triggered event sees it
// in its result where the backend supports edges, as upstream's do.
inline bool activate_listed(event_base *b, event *ev, short what)
{
	const short selects = static_cast<short>(what & ~EV_ET);
	bool queued = false;
	while (ev) {
		event *next = ev->ev_.ev_io.ev_io_next.le_next;
		if (ev->ev_events & selects)
			queued |= activate_queue(b, ev, ev->ev_events & what, 1);
		ev = next;
	}
	return queued;
}
} // namespace

void activate_fd(event_base *b, int fd, short what)
{
	if (fd >= 0 && fd < b->nfds && activate_listed(b, b->fds[fd].events, what) && needs_notify(b))
		notify(b);
}

void io_ready(void *base, int fd, short what)
{
	auto *b = static_cast<event_base *>(base);
	if (!b->relocked_in_wait) {
		lock(b);
		b->relocked_in_wait = true;
	}
	// Backends report only fds they were given, which are in the table.
	activate_listed(b, b->fds[fd].events, static_cast<short>(what | b->edge_result_bit));
}

} // namespace evcxx::loop
