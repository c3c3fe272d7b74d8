// Shared pieces of the [thread] tests: a fixture that gives each test a
// pristine threading layer, counting lock/condition callbacks backed by
// pthreads, and a way to observe the fatal path without dying.
#pragma once
#include <atomic>
#include <csetjmp>
#include <string>
#include <vector>

#include <event2/thread.h>
#include <pthread.h>

#include "core/thread/lock.hpp"

namespace thread_test {

struct Counts {
	std::atomic<int> alloc{0}, free{0}, lock{0}, unlock{0};
	std::atomic<int> cond_alloc{0}, cond_free{0}, signal{0}, broadcast{0}, wait{0};
	std::atomic<unsigned> last_alloc_type{~0u}, last_free_type{~0u};
};
extern Counts counts;

// Lock callbacks over real pthread mutexes, counting every call.
extern const evthread_lock_callbacks counting_locks;
// Same functions but a different supported_locktypes.
extern const evthread_lock_callbacks counting_locks_rw;
extern const evthread_condition_callbacks counting_conds;
unsigned long pthread_id();

// Everything the fatal path and the log reported during a test.
struct Reports {
	std::vector<std::string> warnings;
	std::string fatal_msg;
	int fatal_code = 0;
};
extern Reports reports;

// Resets the threading layer, the counters and the log hooks on entry and
// on exit, so that no test sees another's callbacks or debugging.
struct Fixture {
	Fixture();
	~Fixture();
};

// Runs f(); true when it went down the fatal path (the fatal callback
// jumps back here). f must not own objects with destructors.
extern std::jmp_buf fatal_env;
template <class F>
bool dies(F &&f)
{
	if (setjmp(fatal_env))
		return true;
	f();
	return false;
}

} // namespace thread_test
