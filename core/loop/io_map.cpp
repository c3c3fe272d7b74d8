// I/O interest per fd: an fd-indexed table of the events on each fd and of
// what the backend holds. Interest changes are coalesced and flushed once
// per loop pass, except a first registration, which goes to the backend at
// once so that a refused fd fails event_add() as it does upstream.
#include <new>

#include "core/loop/io_interest.hpp"
#include "core/util/mm.hpp"

namespace evcxx::loop {

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

void apply(event_base *b, int fd, FdSlot &s, short want)
{
	// On failure the backend logged it; it holds nothing for this fd now.
	s.kernel = static_cast<uint8_t>(b->backend->update(fd, s.kernel, want) == 0 ? want : 0);
	s.went_idle = false;
}

bool has_edge_event(const event *ev)
{
	for (; ev; ev = ev->ev_.ev_io.ev_io_next.le_next)
		if (ev->ev_events & EV_ET)
			return true;
	return false;
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
