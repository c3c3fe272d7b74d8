// Process-wide state of the 1.x API and of event_self_cbarg().
#pragma once

struct event_base;

namespace evcxx::globals {

// The base event_init() created; used where the 1.x API takes no base.
extern event_base *current_base;

// A unique address; event_assign() replaces it by the event itself.
void *self_cbarg();

} // namespace evcxx::globals
