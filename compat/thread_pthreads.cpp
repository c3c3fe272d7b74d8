// libevent_pthreads: evthread_use_pthreads() installs POSIX mutexes,
// condition variables and pthread_self() as the threading callbacks.
//
// This is a separate library that reaches libevent_core only through its
// exported C functions, so its objects come from malloc: the engine's
// allocator hooks are not visible from here.
#include <event2/thread.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

namespace {

pthread_once_t attrs_once = PTHREAD_ONCE_INIT;
bool attrs_ok;
pthread_mutexattr_t recursive_attr;
pthread_condattr_t cond_attr;

// Timed waits are measured on CLOCK_MONOTONIC so that setting the wall
// clock neither cuts them short nor stretches them.
void init_attrs()
{
	attrs_ok = pthread_mutexattr_init(&recursive_attr) == 0 &&
	           pthread_mutexattr_settype(&recursive_attr, PTHREAD_MUTEX_RECURSIVE) == 0 &&
	           pthread_condattr_init(&cond_attr) == 0 &&
	           pthread_condattr_setclock(&cond_attr, CLOCK_MONOTONIC) == 0;
}

void *mutex_alloc(unsigned locktype)
{
	auto *m = static_cast<pthread_mutex_t *>(malloc(sizeof(pthread_mutex_t)));
	if (!m)
		return nullptr;
	const pthread_mutexattr_t *attr =
		(locktype & EVTHREAD_LOCKTYPE_RECURSIVE) ? &recursive_attr : nullptr;
	if (pthread_mutex_init(m, attr) != 0) {
		free(m);
		return nullptr;
	}
	return m;
}

void mutex_free(void *lock, unsigned)
{
	auto *m = static_cast<pthread_mutex_t *>(lock);
	pthread_mutex_destroy(m);
	free(m);
}

int mutex_lock(unsigned mode, void *lock)
{
	auto *m = static_cast<pthread_mutex_t *>(lock);
	return (mode & EVTHREAD_TRY) ? pthread_mutex_trylock(m) : pthread_mutex_lock(m);
}

int mutex_unlock(unsigned, void *lock)
{
	return pthread_mutex_unlock(static_cast<pthread_mutex_t *>(lock));
}

unsigned long thread_id()
{
	// pthread_t is an unsigned long on glibc and musl; the static_assert
	// keeps the conversion from silently truncating elsewhere.
	static_assert(sizeof(pthread_t) <= sizeof(unsigned long));
	return (unsigned long)pthread_self();
}

void *cond_alloc(unsigned)
{
	auto *c = static_cast<pthread_cond_t *>(malloc(sizeof(pthread_cond_t)));
	if (!c)
		return nullptr;
	if (pthread_cond_init(c, &cond_attr) != 0) {
		free(c);
		return nullptr;
	}
	return c;
}

void cond_free(void *cond)
{
	auto *c = static_cast<pthread_cond_t *>(cond);
	pthread_cond_destroy(c);
	free(c);
}

int cond_signal(void *cond, int broadcast)
{
	auto *c = static_cast<pthread_cond_t *>(cond);
	const int r = broadcast ? pthread_cond_broadcast(c) : pthread_cond_signal(c);
	return r ? -1 : 0;
}

// `timeout` is an interval; pthread wants a deadline.
int cond_wait(void *cond, void *lock, const struct timeval *timeout)
{
	auto *c = static_cast<pthread_cond_t *>(cond);
	auto *m = static_cast<pthread_mutex_t *>(lock);
	if (!timeout)
		return pthread_cond_wait(c, m) ? -1 : 0;
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout->tv_sec + timeout->tv_usec / 1000000;
	deadline.tv_nsec += (timeout->tv_usec % 1000000) * 1000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_nsec -= 1000000000;
		++deadline.tv_sec;
	}
	const int r = pthread_cond_timedwait(c, m, &deadline);
	if (r == ETIMEDOUT)
		return 1;
	return r ? -1 : 0;
}

} // namespace

extern "C" int evthread_use_pthreads(void)
{
	static const evthread_lock_callbacks locks = {
		EVTHREAD_LOCK_API_VERSION, EVTHREAD_LOCKTYPE_RECURSIVE,
		mutex_alloc, mutex_free, mutex_lock, mutex_unlock,
	};
	static const evthread_condition_callbacks conds = {
		EVTHREAD_CONDITION_API_VERSION, cond_alloc, cond_free, cond_signal, cond_wait,
	};
	if (pthread_once(&attrs_once, init_attrs) != 0 || !attrs_ok)
		return -1;
	// As in libevent 2.1.12, a refusal (other callbacks already installed)
	// is logged by the core but not reported here.
	evthread_set_lock_callbacks(&locks);
	evthread_set_condition_callbacks(&conds);
	evthread_set_id_callback(thread_id);
	return 0;
}
