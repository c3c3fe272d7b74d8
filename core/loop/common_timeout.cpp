// Common timeouts: many events sharing one duration sit in a FIFO queue
// (O(1) add/remove) and only the queue's head occupies the timer heap.
#include <cstddef>

#include "core/loop/base.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::loop {
namespace {

timeval plain_deadline(const event *ev)
{
	timeval tv = ev->ev_timeout;
	tv.tv_usec &= kCommonTimeoutMicros;
	return tv;
}

bool later(const timeval &a, const timeval &b)
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_usec > b.tv_usec);
}

// The element before `ev` in its queue, found through the back link.
event *previous(const TimeoutQueue &q, event *ev)
{
	event **back = ev->ev_timeout_pos.ev_next_with_common_timeout.tqe_prev;
	if (back == &q.first)
		return nullptr;
	constexpr size_t link = offsetof(event, ev_timeout_pos.ev_next_with_common_timeout.tqe_next);
	return reinterpret_cast<event *>(reinterpret_cast<char *>(back) - link);
}

void schedule(CommonTimeout *ct, event *head)
{
	const timeval at = plain_deadline(head);
	add_nolock(&ct->timer, &at, true);
}

void on_queue_timer(evutil_socket_t, short, void *arg)
{
	auto *ct = static_cast<CommonTimeout *>(arg);
	event_base *b = ct->base;
	lock(b);
	const timeval t = clock::to_timeval(now(b));
	event *ev;
	while ((ev = ct->events.first) && !later(plain_deadline(ev), t)) {
		del_nolock(ev, DelWait::NoBlock);
		activate_nolock(ev, EV_TIMEOUT, 1);
	}
	if (ev)
		schedule(ct, ev);
	unlock(b);
}

} // namespace

CommonTimeout *common_timeout_for(const event_base *b, const timeval &tv)
{
	const int idx = static_cast<int>((tv.tv_usec & kCommonTimeoutIndexMask) >> kCommonTimeoutIndexShift);
	return b->common_timeouts[idx];
}

void common_timeout_insert(event_base *b, event *ev)
{
	CommonTimeout *ct = common_timeout_for(b, ev->ev_timeout);
	// Almost always the newest deadline: walk back from the tail.
	const timeval mine = plain_deadline(ev);
	event *tail = nullptr;
	if (!ct->events.empty()) {
		constexpr size_t link = offsetof(event, ev_timeout_pos.ev_next_with_common_timeout.tqe_next);
		tail = reinterpret_cast<event *>(reinterpret_cast<char *>(ct->events.last) - link);
	}
	event *spot = tail;
	while (spot && later(plain_deadline(spot), mine))
		spot = previous(ct->events, spot);
	auto &mylink = ev->ev_timeout_pos.ev_next_with_common_timeout;
	if (spot == tail) {
		ct->events.push_back(ev);
	} else {
		event **slot = spot ? &spot->ev_timeout_pos.ev_next_with_common_timeout.tqe_next : &ct->events.first;
		event *next = *slot;
		mylink.tqe_next = next;
		mylink.tqe_prev = slot;
		next->ev_timeout_pos.ev_next_with_common_timeout.tqe_prev = &mylink.tqe_next;
		*slot = ev;
	}
	if (ct->events.first == ev)
		schedule(ct, ev);
}

void common_timeout_remove(event_base *b, event *ev)
{
	common_timeout_for(b, ev->ev_timeout)->events.remove(ev);
}

const timeval *init_common_timeout(event_base *b, const timeval *duration)
{
	lock(b);
	timeval span = *duration;
	if (span.tv_usec > 1000000) {
		if (is_common_timeout(span, b))
			span.tv_usec &= kCommonTimeoutMicros;
		span.tv_sec += span.tv_usec / 1000000;
		span.tv_usec %= 1000000;
	}
	const timeval *result = nullptr;
	for (int i = 0; i < b->n_common_timeouts; ++i) {
		CommonTimeout *ct = b->common_timeouts[i];
		if (ct->duration.tv_sec == span.tv_sec &&
		    (ct->duration.tv_usec & kCommonTimeoutMicros) == span.tv_usec) {
			result = &ct->duration;
			break;
		}
	}
	if (!result) {
		if (b->n_common_timeouts == kMaxCommonTimeouts) {
			log::warnx("event_base_init_common_timeout: too many common timeouts in use; at most %d per base",
			           kMaxCommonTimeouts);
		} else {
			void *grown = mm::realloc(b->common_timeouts,
			                          (b->n_common_timeouts + 1) * sizeof(CommonTimeout *));
			auto *ct = static_cast<CommonTimeout *>(mm::zalloc(1, sizeof(CommonTimeout)));
			if (grown)
				b->common_timeouts = static_cast<CommonTimeout **>(grown);
			if (grown && ct) {
				new (&ct->events) TimeoutQueue();
				ct->duration.tv_sec = span.tv_sec;
				ct->duration.tv_usec = span.tv_usec | kCommonTimeoutMagic |
				                       (long(b->n_common_timeouts) << kCommonTimeoutIndexShift);
				ct->base = b;
				assign(&ct->timer, b, -1, 0, on_queue_timer, ct);
				ct->timer.ev_evcallback.evcb_flags |= EVLIST_INTERNAL;
				ct->timer.ev_evcallback.evcb_pri = 0;
				b->common_timeouts[b->n_common_timeouts++] = ct;
				result = &ct->duration;
			} else {
				mm::release(ct);
			}
		}
	}
	unlock(b);
	return result;
}

void free_common_timeouts(event_base *b)
{
	for (int i = 0; i < b->n_common_timeouts; ++i) {
		CommonTimeout *ct = b->common_timeouts[i];
		if (ct->timer.ev_evcallback.evcb_flags & (EVLIST_TIMEOUT | EVLIST_ACTIVE))
			del_nolock(&ct->timer, DelWait::EvenIfFinalizing);
		mm::release(ct);
	}
	mm::release(b->common_timeouts);
	b->common_timeouts = nullptr;
	b->n_common_timeouts = 0;
}

} // namespace evcxx::loop
