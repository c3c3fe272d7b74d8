#include "tests/thread/thread_fixture.hpp"

#include <cstdlib>

#include <event2/event.h>

#include "core/thread/debug_lock.hpp"
#include "core/util/log.hpp"

namespace thread_test {

Counts counts;
Reports reports;
std::jmp_buf fatal_env;

namespace {
void *lock_alloc(unsigned type)
{
	++counts.alloc;
	counts.last_alloc_type = type;
	auto *m = static_cast<pthread_mutex_t *>(std::malloc(sizeof(pthread_mutex_t)));
	pthread_mutexattr_t attr;
	pthread_mutexattr_init(&attr);
	if (type & EVTHREAD_LOCKTYPE_RECURSIVE)
		pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(m, &attr);
	pthread_mutexattr_destroy(&attr);
	return m;
}

void lock_free(void *lock, unsigned type)
{
	++counts.free;
	counts.last_free_type = type;
	pthread_mutex_destroy(static_cast<pthread_mutex_t *>(lock));
	std::free(lock);
}

int lock_lock(unsigned mode, void *lock)
{
	auto *m = static_cast<pthread_mutex_t *>(lock);
	const int r = (mode & EVTHREAD_TRY) ? pthread_mutex_trylock(m) : pthread_mutex_lock(m);
	if (r == 0)
		++counts.lock;
	return r;
}

int lock_unlock(unsigned, void *lock)
{
	++counts.unlock;
	return pthread_mutex_unlock(static_cast<pthread_mutex_t *>(lock));
}

void *cond_alloc(unsigned)
{
	++counts.cond_alloc;
	auto *c = static_cast<pthread_cond_t *>(std::malloc(sizeof(pthread_cond_t)));
	pthread_cond_init(c, nullptr);
	return c;
}

void cond_free(void *cond)
{
	++counts.cond_free;
	pthread_cond_destroy(static_cast<pthread_cond_t *>(cond));
	std::free(cond);
}

int cond_signal(void *cond, int broadcast)
{
	++(broadcast ? counts.broadcast : counts.signal);
	auto *c = static_cast<pthread_cond_t *>(cond);
	return broadcast ? pthread_cond_broadcast(c) : pthread_cond_signal(c);
}

// Untimed only: the timed path is exercised through evthread_use_pthreads.
int cond_wait(void *cond, void *lock, const timeval *)
{
	++counts.wait;
	return pthread_cond_wait(static_cast<pthread_cond_t *>(cond),
	                         static_cast<pthread_mutex_t *>(lock)) ? -1 : 0;
}

void on_log(int severity, const char *msg)
{
	if (severity == evcxx::log::Warn)
		reports.warnings.emplace_back(msg);
	else if (severity == evcxx::log::Err)
		reports.fatal_msg = msg;
}

void on_fatal(int code)
{
	reports.fatal_code = code;
	std::longjmp(fatal_env, 1);
}

void reset()
{
	using namespace evcxx::thread;
	// Process-wide locks were made with the callbacks being removed; free
	// them with those callbacks so later tests do not call a stale lock.
	libevent_global_shutdown();
	lock_fns = {};
	cond_fns = {};
	id_fn = nullptr;
	debug::enabled = false;
	debug::app_lock_fns = {};
	debug::app_cond_fns = {};
	counts.alloc = counts.free = counts.lock = counts.unlock = 0;
	counts.cond_alloc = counts.cond_free = counts.signal = counts.broadcast = counts.wait = 0;
	counts.last_alloc_type = counts.last_free_type = ~0u;
	reports = Reports{};
}
} // namespace

const evthread_lock_callbacks counting_locks = {
	EVTHREAD_LOCK_API_VERSION, EVTHREAD_LOCKTYPE_RECURSIVE,
	lock_alloc, lock_free, lock_lock, lock_unlock,
};
const evthread_lock_callbacks counting_locks_rw = {
	EVTHREAD_LOCK_API_VERSION, EVTHREAD_LOCKTYPE_RECURSIVE | EVTHREAD_LOCKTYPE_READWRITE,
	lock_alloc, lock_free, lock_lock, lock_unlock,
};
const evthread_condition_callbacks counting_conds = {
	EVTHREAD_CONDITION_API_VERSION, cond_alloc, cond_free, cond_signal, cond_wait,
};

unsigned long pthread_id() { return (unsigned long)pthread_self(); }

Fixture::Fixture()
{
	reset();
	evcxx::log::set_callback(on_log);
	evcxx::log::set_fatal_callback(on_fatal);
}

Fixture::~Fixture()
{
	reset();
	evcxx::log::set_callback(nullptr);
	evcxx::log::set_fatal_callback(nullptr);
}

} // namespace thread_test
