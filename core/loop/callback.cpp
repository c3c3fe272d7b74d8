#include "core/loop/callback.hpp"

#include "core/loop/base.hpp"

namespace evcxx::loop {

void callback_init(event_base *base, event_callback *cb, uint8_t pri, CallbackFn fn, void *arg)
{
	(void)base;
	cb->evcb_active_next.tqe_next = nullptr;
	cb->evcb_active_next.tqe_prev = nullptr;
	cb->evcb_flags = 0;
	cb->evcb_pri = pri;
	cb->evcb_closure = kClosureSelf;
	cb->evcb_cb_union.evcb_selfcb = fn;
	cb->evcb_arg = arg;
}

bool callback_activate(event_base *base, event_callback *cb)
{
	lock(base);
	bool queued = false;
	if (!(cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_FINALIZING))) {
		if (cb->evcb_flags & EVLIST_ACTIVE_LATER)
			unqueue_active_later(base, cb);
		if (cb->evcb_pri >= base->npriorities)
			cb->evcb_pri = static_cast<uint8_t>(base->npriorities - 1);
		queue_active(base, cb);
		queued = true;
		if (needs_notify(base))
			notify(base);
	}
	unlock(base);
	return queued;
}

bool callback_activate_later(event_base *base, event_callback *cb)
{
	lock(base);
	bool queued = false;
	if (!(cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER | EVLIST_FINALIZING))) {
		if (cb->evcb_pri >= base->npriorities)
			cb->evcb_pri = static_cast<uint8_t>(base->npriorities - 1);
		queue_active_later(base, cb);
		queued = true;
		if (needs_notify(base))
			notify(base);
	}
	unlock(base);
	return queued;
}

bool schedule_deferred(event_base *base, event_callback *cb)
{
	// Upstream's MAX_DEFERREDS_QUEUED: more than this many in one pass go
	// to the next pass.
	constexpr int kMaxDeferredsPerPass = 32;
	lock(base);
	const bool queued = cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER);
	if (!(cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_FINALIZING))) {
		if (cb->evcb_pri >= base->npriorities)
			cb->evcb_pri = static_cast<uint8_t>(base->npriorities - 1);
		if (base->n_deferreds_queued > kMaxDeferredsPerPass) {
			if (!queued)
				queue_active_later(base, cb);
		} else {
			if (cb->evcb_flags & EVLIST_ACTIVE_LATER)
				unqueue_active_later(base, cb);
			queue_active(base, cb);
			if (!queued)
				++base->n_deferreds_queued;
		}
		if (!queued && needs_notify(base))
			notify(base);
	}
	unlock(base);
	return !queued && !(cb->evcb_flags & EVLIST_FINALIZING);
}

bool callback_cancel(event_base *base, event_callback *cb)
{
	lock(base);
	bool was_queued = true;
	if (cb->evcb_flags & EVLIST_ACTIVE)
		unqueue_active(base, cb);
	else if (cb->evcb_flags & EVLIST_ACTIVE_LATER)
		unqueue_active_later(base, cb);
	else
		was_queued = false;
	unlock(base);
	return was_queued;
}

void callback_finalize(event_base *base, event_callback *cb, CallbackFn fn)
{
	lock(base);
	if (cb->evcb_flags & EVLIST_ACTIVE)
		unqueue_active(base, cb);
	else if (cb->evcb_flags & EVLIST_ACTIVE_LATER)
		unqueue_active_later(base, cb);
	cb->evcb_closure = kClosureCallbackFinalize;
	cb->evcb_cb_union.evcb_cbfinalize = fn;
	if (cb->evcb_pri >= base->npriorities)
		cb->evcb_pri = static_cast<uint8_t>(base->npriorities - 1);
	queue_active(base, cb);
	cb->evcb_flags |= EVLIST_FINALIZING;
	if (needs_notify(base))
		notify(base);
	unlock(base);
}

void add_virtual(event_base *base)
{
	lock(base);
	if (++base->virtual_count > base->virtual_count_max)
		base->virtual_count_max = base->virtual_count;
	unlock(base);
}

void remove_virtual(event_base *base)
{
	lock(base);
	--base->virtual_count;
	if (needs_notify(base))
		notify(base);
	unlock(base);
}

} // namespace evcxx::loop
