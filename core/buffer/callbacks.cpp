// Change callbacks: run after every change, or from the loop when deferred.
#include "core/buffer/buffer.hpp"
#include "core/loop/base.hpp"
#include "core/loop/callback.hpp"
#include "core/loop/globals.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::buffer {

namespace {

// Run the callbacks due: from the loop (`from_loop`) the deferrable ones,
// otherwise those that run at once. Counts reset only when the deferrable
// ones have seen them. Inlined into its two callers, each with a constant
// `from_loop`: it runs after every change of a buffer with callbacks.
[[gnu::always_inline]] inline void run_callbacks(evbuffer *b, bool from_loop)
{
	uint32_t mask = kCbEnabled, want = kCbEnabled;
	bool reset = true;
	if (from_loop) {
		mask |= kCbNoDefer;
	} else if (b->defer) {
		mask |= kCbNoDefer;
		want |= kCbNoDefer;
		reset = false;
	}
	if (!b->callbacks) {
		b->n_added = b->n_deleted = 0;
		return;
	}
	if (b->n_added == 0 && b->n_deleted == 0)
		return;
	const evbuffer_cb_info info{b->total + b->n_deleted - b->n_added, b->n_added, b->n_deleted};
	if (reset)
		b->n_added = b->n_deleted = 0;
	for (CallbackEntry *e = b->callbacks, *next; e; e = next) {
		next = e->next;
		if ((e->flags & mask) != want)
			continue;
		if (e->flags & kCbObsolete)
			e->old_fn(b, info.orig_size, b->total, e->arg);
		else
			e->fn(b, &info, e->arg);
	}
}

void run_deferred(event_callback *, void *arg)
{
	auto *b = static_cast<evbuffer *>(arg);
	thread::lock(b->lock);
	run_callbacks(b, true);
	thread::unlock(b->lock);
	release(b);
}

} // namespace

void report_changes(evbuffer *b)
{
	if (b->defer && loop::schedule_deferred(b->cb_base, &b->deferred_run))
		++b->refs; // released by run_deferred
	run_callbacks(b, false);
}

CallbackEntry *add_cb(evbuffer *b, evbuffer_cb_func fn, void *arg)
{
	auto *e = static_cast<CallbackEntry *>(mm::zalloc(1, sizeof(CallbackEntry)));
	if (!e)
		return nullptr;
	Locked g(b);
	e->fn = fn;
	e->arg = arg;
	e->flags = kCbEnabled;
	e->next = b->callbacks;
	b->callbacks = e;
	return e;
}

int remove_cb_entry(evbuffer *b, CallbackEntry *e)
{
	Locked g(b);
	for (CallbackEntry **link = &b->callbacks; *link; link = &(*link)->next) {
		if (*link == e) {
			*link = e->next;
			mm::release(e);
			return 0;
		}
	}
	log::warnx("evbuffer_remove_cb_entry: callback not registered on this buffer");
	return -1;
}

int remove_cb(evbuffer *b, evbuffer_cb_func fn, void *arg)
{
	Locked g(b);
	for (CallbackEntry **link = &b->callbacks; *link; link = &(*link)->next) {
		CallbackEntry *e = *link;
		if (!(e->flags & kCbObsolete) && e->fn == fn && e->arg == arg) {
			*link = e->next;
			mm::release(e);
			return 0;
		}
	}
	return -1;
}

int cb_set_flags(evbuffer *b, CallbackEntry *e, uint32_t flags)
{
	Locked g(b);
	e->flags |= flags & kCbUserMask;
	return 0;
}

int cb_clear_flags(evbuffer *b, CallbackEntry *e, uint32_t flags)
{
	Locked g(b);
	e->flags &= ~(flags & kCbUserMask);
	return 0;
}

void remove_all_callbacks(evbuffer *b)
{
	while (CallbackEntry *e = b->callbacks) {
		b->callbacks = e->next;
		mm::release(e);
	}
}

int setcb(evbuffer *b, evbuffer_cb fn, void *arg)
{
	Locked g(b);
	remove_all_callbacks(b);
	if (!fn)
		return 0;
	CallbackEntry *e = add_cb(b, nullptr, arg);
	if (!e)
		return -1;
	e->old_fn = fn;
	e->flags |= kCbObsolete;
	return 0;
}

int defer_callbacks(evbuffer *b, event_base *base)
{
	if (!base)
		base = globals::current_base;
	if (!base) {
		log::warnx("evbuffer_defer_callbacks: no event_base");
		return -1;
	}
	loop::lock(base);
	const int pri = base->npriorities / 2;
	loop::unlock(base);
	Locked g(b);
	b->defer = true;
	b->cb_base = base;
	loop::callback_init(base, &b->deferred_run, static_cast<uint8_t>(pri), run_deferred, b);
	return 0;
}

void cancel_deferred(evbuffer *b)
{
	if (b->defer)
		loop::callback_cancel(b->cb_base, &b->deferred_run);
}

} // namespace evcxx::buffer
