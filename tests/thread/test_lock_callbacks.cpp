// Installing lock, condition and id callbacks through event2/thread.h, and
// the engine routing its locking through them.
#include <catch2/catch.hpp>

#include <sys/time.h>

#include "tests/thread/thread_fixture.hpp"

using namespace thread_test;
namespace th = evcxx::thread;

namespace {
void *other_alloc(unsigned) { return nullptr; }
void *other_cond_alloc(unsigned) { return nullptr; }
unsigned long fixed_id() { return 1234; }
} // namespace

TEST_CASE("without callbacks locking does nothing", "[thread]")
{
	Fixture f;
	CHECK_FALSE(th::locking_enabled());
	CHECK(th::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE) == nullptr);
	th::lock(nullptr);
	th::unlock(nullptr);
	th::free_lock(nullptr, 0);
	CHECK(th::alloc_cond() == nullptr);
	CHECK(th::cond_signal(nullptr) == 0);
	CHECK(th::cond_broadcast(nullptr) == 0);
	CHECK(th::cond_wait(nullptr, nullptr, nullptr) == 0);
	th::free_cond(nullptr);
	CHECK(th::current_id() == 0);
	CHECK(th::is_held(nullptr));
}

TEST_CASE("installed lock callbacks are called, balanced", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
	CHECK(th::locking_enabled());

	void *plain = th::alloc_lock(0);
	void *rec = th::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE);
	REQUIRE(plain);
	REQUIRE(rec);
	CHECK(counts.alloc == 2);
	CHECK(counts.last_alloc_type == EVTHREAD_LOCKTYPE_RECURSIVE);

	th::lock(plain);
	th::unlock(plain);
	th::lock(rec);
	th::lock(rec);
	th::unlock(rec);
	th::unlock(rec);
	CHECK(counts.lock == 3);
	CHECK(counts.unlock == 3);
	// Without lock debugging nothing is tracked: every lock counts as held.
	CHECK(th::is_held(plain));

	th::free_lock(rec, EVTHREAD_LOCKTYPE_RECURSIVE);
	CHECK(counts.last_free_type == EVTHREAD_LOCKTYPE_RECURSIVE);
	th::free_lock(plain, 0);
	CHECK(counts.free == 2);
	CHECK(reports.warnings.empty());
}

TEST_CASE("lock callbacks: set, repeat, change, clear", "[thread]")
{
	Fixture f;
	SECTION("an incomplete set is refused and installs nothing")
	{
		evthread_lock_callbacks partial = counting_locks;
		partial.unlock = nullptr;
		CHECK(evthread_set_lock_callbacks(&partial) == -1);
		partial = counting_locks;
		partial.alloc = nullptr;
		CHECK(evthread_set_lock_callbacks(&partial) == -1);
		CHECK_FALSE(th::locking_enabled());
		CHECK(evthread_set_lock_callbacks(&counting_locks) == 0);
	}
	SECTION("the same set again is accepted quietly")
	{
		REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
		evthread_lock_callbacks copy = counting_locks;
		CHECK(evthread_set_lock_callbacks(&copy) == 0);
		CHECK(reports.warnings.empty());
	}
	SECTION("a different set is refused with a warning")
	{
		REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
		CHECK(evthread_set_lock_callbacks(&counting_locks_rw) == -1);
		evthread_lock_callbacks other = counting_locks;
		other.alloc = other_alloc;
		CHECK(evthread_set_lock_callbacks(&other) == -1);
		CHECK(reports.warnings.size() == 2);
		CHECK(th::lock_fns.alloc == counting_locks.alloc);
	}
	SECTION("clearing installed callbacks warns, clearing none does not")
	{
		CHECK(evthread_set_lock_callbacks(nullptr) == 0);
		CHECK(reports.warnings.empty());
		REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
		CHECK(evthread_set_lock_callbacks(nullptr) == 0);
		CHECK(reports.warnings.size() == 1);
		CHECK_FALSE(th::locking_enabled());
		// Once cleared, another implementation may be installed.
		CHECK(evthread_set_lock_callbacks(&counting_locks_rw) == 0);
	}
}

TEST_CASE("condition callbacks: set, repeat, change, clear", "[thread]")
{
	Fixture f;
	SECTION("an incomplete set installs nothing but answers 0, as upstream")
	{
		evthread_condition_callbacks partial = counting_conds;
		partial.wait_condition = nullptr;
		CHECK(evthread_set_condition_callbacks(&partial) == 0);
		CHECK(th::cond_fns.alloc_condition == nullptr);
		CHECK(th::alloc_cond() == nullptr);
	}
	SECTION("the same set again is accepted, a different one refused")
	{
		REQUIRE(evthread_set_condition_callbacks(&counting_conds) == 0);
		evthread_condition_callbacks copy = counting_conds;
		CHECK(evthread_set_condition_callbacks(&copy) == 0);
		CHECK(reports.warnings.empty());
		copy.alloc_condition = other_cond_alloc;
		CHECK(evthread_set_condition_callbacks(&copy) == -1);
		copy = counting_conds;
		copy.condition_api_version = 2;
		CHECK(evthread_set_condition_callbacks(&copy) == -1);
		CHECK(reports.warnings.size() == 2);
	}
	SECTION("clearing installed callbacks warns")
	{
		CHECK(evthread_set_condition_callbacks(nullptr) == 0);
		CHECK(reports.warnings.empty());
		REQUIRE(evthread_set_condition_callbacks(&counting_conds) == 0);
		CHECK(evthread_set_condition_callbacks(nullptr) == 0);
		CHECK(reports.warnings.size() == 1);
		CHECK(th::alloc_cond() == nullptr);
	}
}

TEST_CASE("condition calls reach the callbacks", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
	REQUIRE(evthread_set_condition_callbacks(&counting_conds) == 0);
	void *cond = th::alloc_cond();
	REQUIRE(cond);
	CHECK(counts.cond_alloc == 1);
	CHECK(th::cond_signal(cond) == 0);
	CHECK(th::cond_broadcast(cond) == 0);
	CHECK(counts.signal == 1);
	CHECK(counts.broadcast == 1);
	th::free_cond(cond);
	CHECK(counts.cond_free == 1);
}

TEST_CASE("the id callback identifies threads", "[thread]")
{
	Fixture f;
	evthread_set_id_callback(fixed_id);
	CHECK(th::current_id() == 1234);
	evthread_set_id_callback(nullptr);
	CHECK(th::current_id() == 0);
}
