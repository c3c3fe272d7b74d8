#include "core/thread/lock.hpp"

#include "core/loop/debug.hpp"

#include "core/thread/debug_lock.hpp"
#include "core/util/log.hpp"

namespace evcxx::thread {

evthread_lock_callbacks lock_fns;
evthread_condition_callbacks cond_fns;
unsigned long (*id_fn)(void);

namespace {
bool same(const evthread_lock_callbacks &a, const evthread_lock_callbacks &b)
{
	return a.lock_api_version == b.lock_api_version &&
	       a.supported_locktypes == b.supported_locktypes && a.alloc == b.alloc &&
	       a.free == b.free && a.lock == b.lock && a.unlock == b.unlock;
}

bool same(const evthread_condition_callbacks &a, const evthread_condition_callbacks &b)
{
	return a.condition_api_version == b.condition_api_version &&
	       a.alloc_condition == b.alloc_condition && a.free_condition == b.free_condition &&
	       a.signal_condition == b.signal_condition && a.wait_condition == b.wait_condition;
}
} // namespace

int set_lock_callbacks(const evthread_lock_callbacks *cbs)
{
	// Under event debug mode, upstream refuses thread setup once a base
	// exists: its locks were made without the callbacks.
	if (evcxx::debug::mode_on && evcxx::debug::mode_locked_in)
		log::errx(1, "evthread initialization must be called BEFORE anything else!");
	// Under lock debugging the application's callbacks sit beneath the
	// wrappers, which stay installed.
	evthread_lock_callbacks &target = debug::enabled ? debug::app_lock_fns : lock_fns;
	if (!cbs) {
		if (target.alloc)
			log::warnx("Clearing the lock callbacks after they have been set up "
			           "will probably not work: existing locks still need them.");
		target = {};
		return 0;
	}
	if (target.alloc) {
		// Installing the same set twice is harmless; swapping the
		// implementation under locks already allocated is not.
		if (same(target, *cbs))
			return 0;
		log::warnx("Can't change lock callbacks once they have been set up.");
		return -1;
	}
	if (!cbs->alloc || !cbs->free || !cbs->lock || !cbs->unlock)
		return -1;
	target = *cbs;
	return 0;
}

int set_condition_callbacks(const evthread_condition_callbacks *cbs)
{
	evthread_condition_callbacks &target = debug::enabled ? debug::app_cond_fns : cond_fns;
	if (!cbs) {
		if (target.alloc_condition)
			log::warnx("Clearing the condition callbacks after they have been set up "
			           "will probably not work: existing conditions still need them.");
		target = {};
	} else if (target.alloc_condition) {
		if (same(target, *cbs))
			return 0;
		log::warnx("Can't change condition callbacks once they have been set up.");
		return -1;
	} else if (cbs->alloc_condition && cbs->free_condition && cbs->signal_condition &&
	           cbs->wait_condition) {
		target = *cbs;
	}
	// An incomplete set installs nothing yet answers 0, as libevent 2.1.12
	// does: code written against it may not expect a failure here.
	if (debug::enabled)
		debug::wrap_conditions();
	return 0;
}

void set_id_callback(unsigned long (*fn)(void)) { id_fn = fn; }

void enable_lock_debugging() { debug::enable(); }

void *alloc_lock(unsigned locktype)
{
	return lock_fns.alloc ? lock_fns.alloc(locktype) : nullptr;
}

void free_lock(void *lock, unsigned locktype)
{
	if (lock && lock_fns.free)
		lock_fns.free(lock, locktype);
}

void *alloc_cond()
{
	return cond_fns.alloc_condition ? cond_fns.alloc_condition(0) : nullptr;
}

void free_cond(void *cond)
{
	if (cond && cond_fns.free_condition)
		cond_fns.free_condition(cond);
}

int cond_signal(void *cond)
{
	return cond && cond_fns.signal_condition ? cond_fns.signal_condition(cond, 0) : 0;
}

int cond_broadcast(void *cond)
{
	return cond && cond_fns.signal_condition ? cond_fns.signal_condition(cond, 1) : 0;
}

// Without condition support there is nothing to wait on; callers re-check
// their predicate, as they must after any wakeup.
int cond_wait(void *cond, void *lock, const timeval *timeout)
{
	return cond && cond_fns.wait_condition ? cond_fns.wait_condition(cond, lock, timeout) : 0;
}

unsigned long current_id() { return id_fn ? id_fn() : 0; }

bool is_held(void *lock) { return !lock || !debug::enabled || debug::held(lock); }

void *shared_lock(std::atomic<void *> &slot)
{
	void *existing = slot.load(std::memory_order_acquire);
	if (existing || !locking_enabled())
		return existing;
	void *fresh = alloc_lock(0);
	if (!slot.compare_exchange_strong(existing, fresh, std::memory_order_acq_rel)) {
		free_lock(fresh, 0);
		return existing;
	}
	return fresh;
}

void release_shared_lock(std::atomic<void *> &slot)
{
	free_lock(slot.exchange(nullptr, std::memory_order_acq_rel), 0);
}

} // namespace evcxx::thread
