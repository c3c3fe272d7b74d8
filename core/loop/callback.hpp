// Internal callbacks (struct event_callback without an event): deferred
// work such as evbuffer callbacks and bufferevent notifications, queued by
// the loop at a priority and run with the base lock released. This is the
// engine hook evbuffer/bufferevent code uses; it takes the base lock itself.
#pragma once
#include <cstdint>

#include <event2/event_struct.h>

namespace evcxx::loop {

using CallbackFn = void (*)(event_callback *cb, void *arg);

// Prepare `cb` to run `fn(cb, arg)` at priority `pri` of `base`.
void callback_init(event_base *base, event_callback *cb, uint8_t pri, CallbackFn fn, void *arg);
// Queue deferred work (bufferevent/evbuffer notifications) as upstream
// does: the first 33 in a loop pass run in this pass, later ones wait for
// the next, so deferred work cannot starve other events. True only if `cb`
// was not queued at all before (a queued callback holds a reference).
bool schedule_deferred(event_base *base, event_callback *cb);
// Dequeue `cb` if queued. True if it was queued.
bool callback_cancel(event_base *base, event_callback *cb);
// Stop `cb` for good: dequeue it, then run `fn(cb, arg)` from the loop.
void callback_finalize(event_base *base, event_callback *cb, CallbackFn fn);

} // namespace evcxx::loop
