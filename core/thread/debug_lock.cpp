// Lock debugging: each lock handed to the engine is a DebugLock that wraps
// the application's lock and records who holds it how many times, so that
// misuse is reported through the fatal path instead of corrupting state.
//
// Like libevent, debugging must be enabled before the first lock is
// allocated (before any event_base exists): a lock made earlier is not a
// DebugLock and is reported as such when it reaches a wrapper.
#include "core/thread/debug_lock.hpp"

#include <atomic>

#include "core/thread/lock.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::thread::debug {

bool enabled;
evthread_lock_callbacks app_lock_fns;
evthread_condition_callbacks app_cond_fns;

namespace {
// First word of a DebugLock ("LOCK" while live, "FREE" once freed): a best
// effort to name a foreign or already freed pointer instead of misreading it.
constexpr unsigned kLiveTag = 0x4c4f434bu;
constexpr unsigned kFreedTag = 0x46524545u;
constexpr unsigned kModeBits = EVTHREAD_READ | EVTHREAD_WRITE;

struct DebugLock {
	unsigned tag = kLiveTag;
	unsigned locktype = 0;
	// Written only by the holder, but is_held() reads them from any
	// thread, hence atomics (relaxed: the application's lock orders the
	// holder's own accesses).
	std::atomic<int> count{0};
	std::atomic<unsigned long> owner{0};
	// The application's lock; nullptr when none were installed.
	void *inner = nullptr;
};

[[noreturn]] void misuse(const char *what, const void *lock)
{
	log::errx(log::kAbortCode, "Lock debugging: %s (lock %p)", what, lock);
}

DebugLock *checked(void *lock)
{
	auto *d = static_cast<DebugLock *>(lock);
	if (d->tag != kLiveTag)
		misuse(d->tag == kFreedTag ? "use of a freed lock"
		                           : "not a lock allocated while lock debugging was on",
		       lock);
	return d;
}

void check_mode(const DebugLock *d, unsigned mode)
{
	const bool rw_lock = d->locktype & EVTHREAD_LOCKTYPE_READWRITE;
	const bool rw_mode = mode & kModeBits;
	if (rw_lock && !rw_mode)
		misuse("read-write lock used without EVTHREAD_READ or EVTHREAD_WRITE", d);
	if (!rw_lock && rw_mode)
		misuse("EVTHREAD_READ/EVTHREAD_WRITE used on a lock that is not read-write", d);
}

// What is wrong with the calling thread taking `d` (whose application lock
// it now holds) once more, or nullptr.
const char *acquire_problem(const DebugLock *d)
{
	const int n = d->count.load(std::memory_order_relaxed);
	if (n == 0)
		return nullptr;
	if (!(d->locktype & EVTHREAD_LOCKTYPE_RECURSIVE))
		return "non-recursive lock locked again by the thread holding it";
	if (id_fn && d->owner.load(std::memory_order_relaxed) != id_fn())
		return "lock acquired while another thread holds it";
	return nullptr;
}

void note_locked(DebugLock *d)
{
	if (id_fn)
		d->owner.store(id_fn(), std::memory_order_relaxed);
	d->count.fetch_add(1, std::memory_order_relaxed);
}

// Checked before the application's unlock runs, so a misuse never reaches
// it.
void note_unlocked(DebugLock *d)
{
	const int n = d->count.load(std::memory_order_relaxed);
	if (n == 0)
		misuse("unlocking a lock that is not held", d);
	if (id_fn && d->owner.load(std::memory_order_relaxed) != id_fn())
		misuse("unlocking a lock held by another thread", d);
	if (n == 1)
		d->owner.store(0, std::memory_order_relaxed);
	d->count.store(n - 1, std::memory_order_relaxed);
}

void *alloc_cb(unsigned locktype)
{
	auto *d = mm::make<DebugLock>();
	if (!d)
		return nullptr;
	d->locktype = locktype;
	if (app_lock_fns.alloc) {
		// Recursive underneath, so that a holder locking a non-recursive
		// lock again reaches the check in lock_cb instead of deadlocking.
		d->inner = app_lock_fns.alloc(locktype | EVTHREAD_LOCKTYPE_RECURSIVE);
		if (!d->inner) {
			mm::destroy(d);
			return nullptr;
		}
	}
	return d;
}

void free_cb(void *lock, unsigned locktype)
{
	DebugLock *d = checked(lock);
	if (d->count.load(std::memory_order_relaxed) != 0)
		misuse("freeing a lock that is held", d);
	if (locktype != d->locktype)
		misuse("lock freed as a different type than it was allocated", d);
	if (d->inner && app_lock_fns.free)
		app_lock_fns.free(d->inner, d->locktype | EVTHREAD_LOCKTYPE_RECURSIVE);
	d->tag = kFreedTag;
	mm::destroy(d);
}

int lock_cb(unsigned mode, void *lock)
{
	DebugLock *d = checked(lock);
	check_mode(d, mode);
	if (d->inner && app_lock_fns.lock) {
		// A failed EVTHREAD_TRY (or a failing callback) acquired nothing.
		if (const int r = app_lock_fns.lock(mode, d->inner))
			return r;
	}
	if (const char *problem = acquire_problem(d)) {
		// Give the acquisition back first, so that a fatal callback that
		// regains control finds the lock as it was.
		if (d->inner && app_lock_fns.unlock)
			app_lock_fns.unlock(mode, d->inner);
		misuse(problem, d);
	}
	note_locked(d);
	return 0;
}

int unlock_cb(unsigned mode, void *lock)
{
	DebugLock *d = checked(lock);
	check_mode(d, mode);
	note_unlocked(d);
	return d->inner && app_lock_fns.unlock ? app_lock_fns.unlock(mode, d->inner) : 0;
}

// The application's wait releases and retakes its lock; mirror that in the
// bookkeeping so that other threads may take the lock meanwhile.
int wait_cb(void *cond, void *lock, const timeval *timeout)
{
	if (!lock)
		misuse("condition waited on without a lock", lock);
	DebugLock *d = checked(lock);
	if (!held(d))
		misuse("condition waited on by a thread not holding its lock", d);
	note_unlocked(d);
	const int r = app_cond_fns.wait_condition(cond, d->inner, timeout);
	if (const char *problem = acquire_problem(d))
		misuse(problem, d);
	note_locked(d);
	return r;
}
} // namespace

void enable()
{
	if (enabled)
		return;
	app_lock_fns = lock_fns;
	lock_fns = {EVTHREAD_LOCK_API_VERSION, EVTHREAD_LOCKTYPE_RECURSIVE,
	            alloc_cb,                  free_cb,
	            lock_cb,                   unlock_cb};
	app_cond_fns = cond_fns;
	enabled = true;
	wrap_conditions();
}

void wrap_conditions()
{
	cond_fns = app_cond_fns;
	if (cond_fns.wait_condition)
		cond_fns.wait_condition = wait_cb;
}

bool held(void *lock)
{
	const DebugLock *d = checked(lock);
	if (d->count.load(std::memory_order_relaxed) == 0)
		return false;
	return !id_fn || d->owner.load(std::memory_order_relaxed) == id_fn();
}

} // namespace evcxx::thread::debug
