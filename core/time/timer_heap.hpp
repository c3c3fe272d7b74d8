// A 4-ary min-heap of timer events keyed by (deadline, insertion sequence).
//
// The deadline lives in the 16-byte heap slot, not behind the event pointer,
// so sifting touches one contiguous array (libev's layout). The sequence
// number makes equal deadlines fire in the order they were scheduled (FIFO),
// which upstream's binary heap does not promise; ties are rare, so it lives
// in the event (the half of ev_timeout_pos that a heap timer leaves unused)
// and is read only on a tie. Each event records its slot index in
// ev_timeout_pos.min_heap_idx, giving O(log n) removal.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <event2/event_struct.h>

#include "core/time/clock.hpp"

namespace evcxx::time {

class TimerHeap {
public:
	struct Slot {
		clock::Nanos when;
		event *ev;
	};

	TimerHeap() = default;
	TimerHeap(const TimerHeap &) = delete;
	TimerHeap &operator=(const TimerHeap &) = delete;
	~TimerHeap();

	bool empty() const { return size_ == 0; }
	size_t size() const { return size_; }
	const Slot &top() const { return slots_[0]; }
	const Slot &at(size_t i) const { return slots_[i]; }

	// Make room for `n` more timers; false on allocation failure (nothing changed).
	bool reserve(size_t n) { return size_ + n <= capacity_ || grow(n); }
	// Insert `ev` (not in the heap) with deadline `when`; needs reserved room.
	void push(event *ev, clock::Nanos when);
	// Remove `ev`, which must be in the heap.
	void erase(event *ev);
	// Give `ev`, which must be in the heap, a new deadline in place.
	void update(event *ev, clock::Nanos when);
	// Remove and return the earliest timer.
	event *pop();
	// Whether `ev` sits at the top.
	bool is_top(const event *ev) const { return size_ && slots_[0].ev == ev; }

	static void mark_unheaped(event *ev);
	static bool in_heap(const event *ev);

private:
	// The sequence number sits in the second 8 bytes of ev_timeout_pos,
	// which min_heap_idx leaves free (the list links there serve common
	// timeouts only).
	static constexpr size_t kSeqOffset = 8;
	static_assert(sizeof(event::ev_timeout_pos) >= kSeqOffset + sizeof(uint64_t));
	static uint64_t seq_of(const event *ev)
	{
		uint64_t seq;
		std::memcpy(&seq, reinterpret_cast<const char *>(&ev->ev_timeout_pos) + kSeqOffset, sizeof seq);
		return seq;
	}
	static void set_seq(event *ev, uint64_t seq)
	{
		std::memcpy(reinterpret_cast<char *>(&ev->ev_timeout_pos) + kSeqOffset, &seq, sizeof seq);
	}
	static bool before(const Slot &a, const Slot &b)
	{
		return a.when < b.when || (a.when == b.when && seq_of(a.ev) < seq_of(b.ev));
	}
	bool grow(size_t n);
	void place(size_t i, const Slot &s);
	void sift_up(size_t i, Slot s);
	void sift_down(size_t i, Slot s);
	static const Slot *min_child(const Slot *slots, size_t n, size_t i);
	size_t hole_to_leaf(size_t i);

	Slot *slots_ = nullptr;
	size_t size_ = 0;
	size_t capacity_ = 0;
	uint64_t next_seq_ = 0;
};

} // namespace evcxx::time
