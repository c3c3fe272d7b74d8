// Intrusive lists threaded through the caller's struct event, using the
// link fields of upstream's layout: evcb_active_next (active queues, FIFO),
// ev_.ev_io.ev_io_next / ev_.ev_signal.ev_signal_next (per-fd and
// per-signal lists, newest first, which is the order upstream activates
// them in) and ev_timeout_pos.ev_next_with_common_timeout (common-timeout
// queues, FIFO).
#pragma once
#include <event2/event_struct.h>

namespace evcxx::loop {

// FIFO of callbacks (tail insertion, O(1) removal anywhere).
struct CallbackQueue {
	event_callback *first = nullptr;
	event_callback **last = &first;

	bool empty() const { return first == nullptr; }
	void push_back(event_callback *cb)
	{
		cb->evcb_active_next.tqe_next = nullptr;
		cb->evcb_active_next.tqe_prev = last;
		*last = cb;
		last = &cb->evcb_active_next.tqe_next;
	}
	void remove(event_callback *cb)
	{
		event_callback *next = cb->evcb_active_next.tqe_next;
		if (next)
			next->evcb_active_next.tqe_prev = cb->evcb_active_next.tqe_prev;
		else
			last = cb->evcb_active_next.tqe_prev;
		*cb->evcb_active_next.tqe_prev = next;
	}
	// Append all of `other` and leave it empty.
	void splice_back(CallbackQueue &other)
	{
		if (other.empty())
			return;
		*last = other.first;
		other.first->evcb_active_next.tqe_prev = last;
		last = other.last;
		other.first = nullptr;
		other.last = &other.first;
	}
};

// FIFO of events in one common-timeout queue.
struct TimeoutQueue {
	event *first = nullptr;
	event **last = &first;

	bool empty() const { return first == nullptr; }
	void push_back(event *ev)
	{
		auto &link = ev->ev_timeout_pos.ev_next_with_common_timeout;
		link.tqe_next = nullptr;
		link.tqe_prev = last;
		*last = ev;
		last = &link.tqe_next;
	}
	void remove(event *ev)
	{
		auto &link = ev->ev_timeout_pos.ev_next_with_common_timeout;
		if (link.tqe_next)
			link.tqe_next->ev_timeout_pos.ev_next_with_common_timeout.tqe_prev = link.tqe_prev;
		else
			last = link.tqe_prev;
		*link.tqe_prev = link.tqe_next;
	}
};

// Newest-first doubly linked lists threaded through one link field of
// struct event (le_next / le_prev, the prev pointing at the previous next).
template <auto Field>
struct EventList {
	static auto &link(event *ev) { return Field(ev); }
	static void push(event *&head, event *ev)
	{
		auto &l = link(ev);
		l.le_next = head;
		if (head)
			link(head).le_prev = &l.le_next;
		head = ev;
		l.le_prev = &head;
	}
	static void remove(event *ev)
	{
		auto &l = link(ev);
		if (l.le_next)
			link(l.le_next).le_prev = l.le_prev;
		*l.le_prev = l.le_next;
	}
};

// The I/O events on one fd, and the events on one signal.
using IoList = EventList<[](event *ev) -> auto & { return ev->ev_.ev_io.ev_io_next; }>;
using SignalList = EventList<[](event *ev) -> auto & { return ev->ev_.ev_signal.ev_signal_next; }>;

inline void io_list_push(event *&head, event *ev) { IoList::push(head, ev); }
inline void io_list_remove(event *ev) { IoList::remove(ev); }
inline void signal_list_push(event *&head, event *ev) { SignalList::push(head, ev); }
inline void signal_list_remove(event *ev) { SignalList::remove(ev); }

} // namespace evcxx::loop
