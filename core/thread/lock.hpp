// Locking through the callbacks the application installed with
// evthread_set_lock_callbacks / evthread_set_condition_callbacks /
// evthread_set_id_callback (possibly wrapped by lock debugging). With no
// callbacks installed every lock pointer is nullptr and locking is a branch.
#pragma once
#include <sys/time.h>

#include <atomic>

#include <event2/thread.h>

namespace evcxx::thread {

// The callbacks in force (after any debug wrapping); zeroed when none.
extern evthread_lock_callbacks lock_fns;
extern evthread_condition_callbacks cond_fns;
extern unsigned long (*id_fn)(void);

inline bool locking_enabled() { return lock_fns.lock != nullptr; }

// A new lock of the given EVTHREAD_LOCKTYPE_* (0 or RECURSIVE), nullptr when
// no callbacks are installed.
void *alloc_lock(unsigned locktype);
void free_lock(void *lock, unsigned locktype);

// A process-wide lock made on first use once callbacks are installed; two
// threads racing here agree on one lock. nullptr while locking is off.
void *shared_lock(std::atomic<void *> &slot);
// Free such a lock (libevent_global_shutdown).
void release_shared_lock(std::atomic<void *> &slot);
inline void lock(void *l)
{
	if (l)
		lock_fns.lock(0, l);
}
inline void unlock(void *l)
{
	if (l)
		lock_fns.unlock(0, l);
}

// Condition variables; nullptr/0 when no condition callbacks are installed.
void *alloc_cond();
void free_cond(void *cond);
int cond_signal(void *cond);
int cond_broadcast(void *cond);
// Returns 0 when signalled, 1 on timeout, -1 on error; `lock` must be held.
int cond_wait(void *cond, void *lock, const timeval *timeout);

// The calling thread's id from the id callback, 0 when none is installed.
unsigned long current_id();

// With lock debugging on: whether the calling thread holds `lock`
// (always true when debugging is off or the lock is nullptr).
bool is_held(void *lock);

// The public entry points (event2/thread.h) delegate to these.
int set_lock_callbacks(const evthread_lock_callbacks *cbs);
int set_condition_callbacks(const evthread_condition_callbacks *cbs);
void set_id_callback(unsigned long (*fn)(void));
void enable_lock_debugging();

} // namespace evcxx::thread
