#include "core/loop/callback.hpp"

#include "core/loop/base.hpp"

namespace evcxx::loop {
namespace {
// A callback set up before the base's priorities were reduced runs at the
// lowest level left.
void clamp_priority(const event_base *base, event_callback *cb)
{
	if (cb->evcb_pri >= base->npriorities)
		cb->evcb_pri = static_cast<uint8_t>(base->npriorities - 1);
}

} // namespace

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

bool schedule_deferred(event_base *base, event_callback *cb)
{
	// Upstream's MAX_DEFERREDS_QUEUED: more than this many in one pass go
	// to the next pass.
	constexpr int kMaxDeferredsPerPass = 32;
	lock(base);
	const bool queued = cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_ACTIVE_LATER);
	if (!(cb->evcb_flags & (EVLIST_ACTIVE | EVLIST_FINALIZING))) {
		clamp_priority(base, cb);
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
	const bool was_queued = unqueue_any(base, cb);
	unlock(base);
	return was_queued;
}

void callback_finalize(event_base *base, event_callback *cb, CallbackFn fn)
{
	lock(base);
	unqueue_any(base, cb);
	cb->evcb_closure = kClosureCallbackFinalize;
	cb->evcb_cb_union.evcb_cbfinalize = fn;
	clamp_priority(base, cb);
	queue_active(base, cb);
	cb->evcb_flags |= EVLIST_FINALIZING;
	if (needs_notify(base))
		notify(base);
	unlock(base);
}

} // namespace evcxx::loop
