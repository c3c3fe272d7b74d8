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

// Newest-first list of the I/O events on one fd.
inline void io_list_push(event *&head, event *ev)
{
	auto &link = ev->ev_.ev_io.ev_io_next;
	link.le_next = head;
	if (head)
		head->ev_.ev_io.ev_io_next.le_prev = &link.le_next;
	head = ev;
	link.le_prev = &head;
}
inline void io_list_remove(event *ev)
{
	auto &link = ev->ev_.ev_io.ev_io_next;
	if (link.le_next)
		link.le_next->ev_.ev_io.ev_io_next.le_prev = link.le_prev;
	*link.le_prev = link.le_next;
}

// Newest-first list of the events on one signal.
inline void signal_list_push(event *&head, event *ev)
{
	auto &link = ev->ev_.ev_signal.ev_signal_next;
	link.le_next = head;
	if (head)
		head->ev_.ev_signal.ev_signal_next.le_prev = &link.le_next;
	head = ev;
	link.le_prev = &head;
}
inline void signal_list_remove(event *ev)
{
	auto &link = ev->ev_.ev_signal.ev_signal_next;
	if (link.le_next)
		link.le_next->ev_.ev_signal.ev_signal_next.le_prev = link.le_prev;
	*link.le_prev = link.le_next;
}

} // namespace evcxx::loop
