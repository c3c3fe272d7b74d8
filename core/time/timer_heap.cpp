#include "core/time/timer_heap.hpp"

#include "core/util/mm.hpp"

namespace evcxx::time {
namespace {
constexpr size_t kArity = 4;
int &slot_index(event *ev) { return ev->ev_timeout_pos.min_heap_idx; }
} // namespace

TimerHeap::~TimerHeap() { mm::release(slots_); }

void TimerHeap::mark_unheaped(event *ev) { slot_index(ev) = -1; }
bool TimerHeap::in_heap(const event *ev) { return ev->ev_timeout_pos.min_heap_idx >= 0; }

bool TimerHeap::grow(size_t n)
{
	size_t cap = capacity_ ? capacity_ * 2 : 8;
	while (cap < size_ + n)
		cap *= 2;
	void *grown = mm::realloc(slots_, cap * sizeof(Slot));
	if (!grown)
		return false;
	slots_ = static_cast<Slot *>(grown);
	capacity_ = cap;
	return true;
}

void TimerHeap::place(size_t i, const Slot &s)
{
	slots_[i] = s;
	slot_index(s.ev) = static_cast<int>(i);
}

void TimerHeap::sift_up(size_t i, Slot s)
{
	while (i > 0) {
		const size_t parent = (i - 1) / kArity;
		if (!before(s, slots_[parent]))
			break;
		place(i, slots_[parent]);
		i = parent;
	}
	place(i, s);
}

void TimerHeap::push(event *ev, clock::Nanos when)
{
	set_seq(ev, next_seq_++);
	sift_up(size_++, Slot{when, ev});
}

// The earliest child of slot i in a heap of n slots, or nullptr for a leaf.
// Callers keep slots_ and size_ in locals: the stores into events below
// would otherwise make the compiler reload them every level.
inline const TimerHeap::Slot *TimerHeap::min_child(const Slot *slots, size_t n, size_t i)
{
	const size_t first = i * kArity + 1;
	const Slot *c = slots + first;
	if (first + kArity <= n) {
		// Full family (the common case), unrolled.
		const Slot *best = c;
		if (before(c[1], *best))
			best = &c[1];
		if (before(c[2], *best))
			best = &c[2];
		if (before(c[3], *best))
			best = &c[3];
		return best;
	}
	if (first >= n)
		return nullptr;
	const Slot *best = c;
	for (const Slot *k = c + 1; k < slots + n; ++k)
		if (before(*k, *best))
			best = k;
	return best;
}

// Floyd's trick for removals: walk the hole from `i` down to a leaf along
// the earliest children (no comparison against the moved slot), then sift
// the moved slot up from there; it usually belongs near the bottom.
size_t TimerHeap::hole_to_leaf(size_t i)
{
	Slot *const slots = slots_;
	const size_t n = size_;
	while (const Slot *best = min_child(slots, n, i)) {
		place(i, *best);
		i = static_cast<size_t>(best - slots);
	}
	return i;
}

void TimerHeap::sift_down(size_t i, Slot s)
{
	Slot *const slots = slots_;
	const size_t n = size_;
	while (const Slot *best = min_child(slots, n, i)) {
		if (!before(*best, s))
			break;
		place(i, *best);
		i = static_cast<size_t>(best - slots);
	}
	place(i, s);
}

void TimerHeap::update(event *ev, clock::Nanos when)
{
	const size_t i = static_cast<size_t>(slot_index(ev));
	// A rescheduled timer counts as newly added for the FIFO order of ties.
	set_seq(ev, next_seq_++);
	const Slot s{when, ev};
	if (i > 0 && before(s, slots_[(i - 1) / kArity]))
		sift_up(i, s);
	else
		sift_down(i, s);
}

void TimerHeap::erase(event *ev)
{
	const size_t i = static_cast<size_t>(slot_index(ev));
	mark_unheaped(ev);
	const Slot last = slots_[--size_];
	if (i == size_)
		return;
	// The moved slot may belong above or below the hole.
	if (i > 0 && before(last, slots_[(i - 1) / kArity]))
		sift_up(i, last);
	else
		sift_up(hole_to_leaf(i), last);
}

event *TimerHeap::pop()
{
	event *ev = slots_[0].ev;
	erase(ev);
	return ev;
}

} // namespace evcxx::time
