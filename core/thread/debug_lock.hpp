// Lock debugging (evthread_enable_lock_debugging): state shared between
// lock.cpp, which routes the application's callbacks, and debug_lock.cpp,
// which wraps them.
#pragma once
#include <event2/thread.h>

namespace evcxx::thread::debug {

// Once debugging is on, lock_fns/cond_fns hold the wrappers and these hold
// what the application installed; the wrappers call through them.
extern bool enabled;
extern evthread_lock_callbacks app_lock_fns;
extern evthread_condition_callbacks app_cond_fns;

// Swaps the wrappers in; a second call does nothing.
void enable();

// Rebuilds cond_fns from app_cond_fns: the application's functions, with
// waiting routed through the wrapper that keeps the lock bookkeeping.
void wrap_conditions();

// Whether the calling thread holds `lock`, a lock allocated while
// debugging was on.
bool held(void *lock);

} // namespace evcxx::thread::debug
