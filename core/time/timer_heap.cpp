#include "core/time/timer_heap.hpp"

#include <event2/event_struct.h>

#include "core/util/mm.hpp"

namespace evcxx::time {
namespace {
constexpr size_t kArity = 4;
int &slot_index(event *ev) { return ev->ev_timeout_pos.min_heap_idx; }
} // namespace

TimerHeap::~TimerHeap() { mm::release(slots_); }

void TimerHeap::mark_unheaped(event *ev) { slot_index(ev) = -1; }
bool TimerHeap::in_heap(const event *ev) { return ev->ev_timeout_pos.min_heap_idx >= 0; }

bool TimerHeap::reserve(size_t n)
{
	if (size_ + n <= capacity_)
		return true;
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

void TimerHeap::sift_down(size_t i, Slot s)
{
	for (;;) {
		const size_t first = i * kArity + 1;
		if (first >= size_)
			break;
		const size_t end = first + kArity < size_ ? first + kArity : size_;
		size_t best = first;
		for (size_t c = first + 1; c < end; ++c)
			if (before(slots_[c], slots_[best]))
				best = c;
		if (!before(slots_[best], s))
			break;
		place(i, slots_[best]);
		i = best;
	}
	place(i, s);
}

void TimerHeap::push(event *ev, clock::Nanos when)
{
	sift_up(size_++, Slot{when, next_seq_++, ev});
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
		sift_down(i, last);
}

event *TimerHeap::pop()
{
	event *ev = slots_[0].ev;
	erase(ev);
	return ev;
}

} // namespace evcxx::time
