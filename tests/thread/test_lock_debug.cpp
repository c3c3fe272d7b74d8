// evthread_enable_lock_debugging: the wrappers' bookkeeping and every
// misuse they catch. The fatal callback installed by the fixture jumps back
// into dies(), so the misuse is observed without ending the test binary.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "core/thread/debug_lock.hpp"
#include "core/util/log.hpp"
#include "tests/thread/thread_fixture.hpp"

using namespace thread_test;
using Catch::Contains;
namespace th = evcxx::thread;

namespace {
void use_counting_locks_with_debugging()
{
	REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
	evthread_set_id_callback(pthread_id);
	evthread_enable_lock_debugging();
}

bool held_elsewhere(void *lock)
{
	bool held = true;
	std::thread([&] { held = th::is_held(lock); }).join();
	return held;
}

// A helper thread that takes `lock` and keeps it until released.
struct Holder {
	explicit Holder(void *lock)
		: worker([this, lock] {
			  th::lock(lock);
			  holding = true;
			  while (!release)
				  std::this_thread::yield();
			  th::unlock(lock);
		  })
	{
		while (!holding)
			std::this_thread::yield();
	}
	~Holder()
	{
		release = true;
		worker.join();
	}
	std::atomic<bool> holding{false}, release{false};
	std::thread worker;
};
} // namespace

TEST_CASE("lock debugging wraps the installed callbacks", "[thread]")
{
	Fixture f;
	use_counting_locks_with_debugging();
	CHECK(th::lock_fns.alloc != counting_locks.alloc);

	void *l = th::alloc_lock(0);
	REQUIRE(l);
	// The application's lock underneath is recursive, so that relocking is
	// caught by the wrapper rather than deadlocking.
	CHECK(counts.alloc == 1);
	CHECK(counts.last_alloc_type == EVTHREAD_LOCKTYPE_RECURSIVE);

	CHECK_FALSE(th::is_held(l));
	th::lock(l);
	CHECK(counts.lock == 1);
	CHECK(th::is_held(l));
	CHECK_FALSE(held_elsewhere(l));
	th::unlock(l);
	CHECK(counts.unlock == 1);
	CHECK_FALSE(th::is_held(l));

	th::free_lock(l, 0);
	CHECK(counts.free == 1);
	CHECK(counts.last_free_type == EVTHREAD_LOCKTYPE_RECURSIVE);
	CHECK(reports.fatal_msg.empty());
}

TEST_CASE("enabling lock debugging twice, by either name, wraps once", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
	evthread_enable_lock_debugging();
	evthread_enable_lock_debuging();
	CHECK(th::debug::app_lock_fns.alloc == counting_locks.alloc);
	void *l = th::alloc_lock(0);
	REQUIRE(l);
	th::lock(l);
	th::unlock(l);
	th::free_lock(l, 0);
	CHECK(counts.alloc == 1);
	CHECK(counts.lock == 1);
	CHECK(counts.free == 1);
}

TEST_CASE("callbacks installed after enabling debugging go beneath it", "[thread]")
{
	Fixture f;
	evthread_enable_lock_debugging();
	REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
	CHECK(evthread_set_lock_callbacks(&counting_locks) == 0);
	CHECK(evthread_set_lock_callbacks(&counting_locks_rw) == -1);
	void *l = th::alloc_lock(0);
	REQUIRE(l);
	th::lock(l);
	th::unlock(l);
	th::free_lock(l, 0);
	CHECK(counts.alloc == 1);
	CHECK(counts.lock == 1);
	CHECK(counts.unlock == 1);
	CHECK(counts.free == 1);
}

TEST_CASE("lock debugging checks even without lock callbacks", "[thread]")
{
	Fixture f;
	evthread_enable_lock_debugging();
	CHECK(th::locking_enabled());
	void *l = th::alloc_lock(0);
	REQUIRE(l);
	th::lock(l);
	CHECK(th::is_held(l));
	CHECK(dies([&] { th::lock(l); }));
	CHECK_THAT(reports.fatal_msg, Contains("non-recursive"));
	th::unlock(l);
	CHECK(dies([&] { th::unlock(l); }));
	th::free_lock(l, 0);
}

TEST_CASE("a recursive debug lock may be held more than once", "[thread]")
{
	Fixture f;
	use_counting_locks_with_debugging();
	void *l = th::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE);
	REQUIRE(l);
	th::lock(l);
	th::lock(l);
	CHECK(th::is_held(l));
	th::unlock(l);
	CHECK(th::is_held(l));
	CHECK_FALSE(held_elsewhere(l));
	th::unlock(l);
	CHECK_FALSE(th::is_held(l));
	th::free_lock(l, EVTHREAD_LOCKTYPE_RECURSIVE);
	CHECK(counts.lock == counts.unlock);
	CHECK(reports.fatal_msg.empty());
}

TEST_CASE("lock misuse goes down the fatal path", "[thread]")
{
	Fixture f;
	use_counting_locks_with_debugging();
	void *l = th::alloc_lock(0);
	REQUIRE(l);

	SECTION("unlocking a lock that is not held")
	{
		CHECK(dies([&] { th::unlock(l); }));
		CHECK_THAT(reports.fatal_msg, Contains("not held"));
		CHECK(counts.unlock == 0);
	}
	SECTION("relocking a non-recursive lock")
	{
		th::lock(l);
		CHECK(dies([&] { th::lock(l); }));
		CHECK_THAT(reports.fatal_msg, Contains("non-recursive"));
		// The second acquisition was given back before reporting.
		CHECK(counts.lock == 2);
		CHECK(counts.unlock == 1);
		CHECK(th::is_held(l));
		th::unlock(l);
	}
	SECTION("freeing a held lock")
	{
		th::lock(l);
		CHECK(dies([&] { th::free_lock(l, 0); }));
		CHECK_THAT(reports.fatal_msg, Contains("held"));
		CHECK(counts.free == 0);
		th::unlock(l);
	}
	SECTION("freeing as another lock type")
	{
		CHECK(dies([&] { th::free_lock(l, EVTHREAD_LOCKTYPE_RECURSIVE); }));
		CHECK_THAT(reports.fatal_msg, Contains("type"));
	}
	SECTION("read/write modes on a plain lock")
	{
		CHECK(dies([&] { th::lock_fns.lock(EVTHREAD_READ, l); }));
		CHECK_THAT(reports.fatal_msg, Contains("not read-write"));
		th::lock(l);
		CHECK(dies([&] { th::lock_fns.unlock(EVTHREAD_WRITE, l); }));
		th::unlock(l);
		CHECK(counts.lock == 1);
	}
	SECTION("a read-write lock without a mode")
	{
		void *rw = th::alloc_lock(EVTHREAD_LOCKTYPE_READWRITE);
		REQUIRE(rw);
		CHECK(dies([&] { th::lock_fns.lock(0, rw); }));
		CHECK_THAT(reports.fatal_msg, Contains("without EVTHREAD_READ"));
		CHECK(th::lock_fns.lock(EVTHREAD_WRITE, rw) == 0);
		CHECK(th::is_held(rw));
		CHECK(th::lock_fns.unlock(EVTHREAD_WRITE, rw) == 0);
		th::free_lock(rw, EVTHREAD_LOCKTYPE_READWRITE);
	}
	SECTION("unlocking a lock another thread holds")
	{
		{
			Holder holder(l);
			CHECK(dies([&] { th::unlock(l); }));
			CHECK_THAT(reports.fatal_msg, Contains("another thread"));
			CHECK_FALSE(th::is_held(l));
		}
		CHECK(counts.lock == 1);
		CHECK(counts.unlock == 1);
	}
	CHECK(reports.fatal_code == evcxx::log::kAbortCode);
	th::free_lock(l, 0);
	CHECK(counts.free == counts.alloc);
	CHECK(counts.lock == counts.unlock);
}

TEST_CASE("a lock allocated before debugging was enabled is reported", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_set_lock_callbacks(&counting_locks) == 0);
	void *raw = th::alloc_lock(0);
	REQUIRE(raw);
	evthread_enable_lock_debugging();
	CHECK(dies([&] { th::lock(raw); }));
	CHECK_THAT(reports.fatal_msg, Contains("not a lock allocated while lock debugging was on"));
	CHECK(counts.lock == 0);
	counting_locks.free(raw, 0);
}

TEST_CASE("a failed EVTHREAD_TRY acquires nothing", "[thread]")
{
	Fixture f;
	use_counting_locks_with_debugging();
	void *l = th::alloc_lock(0);
	REQUIRE(l);
	{
		Holder holder(l);
		CHECK(th::lock_fns.lock(EVTHREAD_TRY, l) != 0);
		CHECK_FALSE(th::is_held(l));
	}
	CHECK(th::lock_fns.lock(EVTHREAD_TRY, l) == 0);
	CHECK(th::is_held(l));
	th::unlock(l);
	th::free_lock(l, 0);
	CHECK(reports.fatal_msg.empty());
}

TEST_CASE("waiting on a condition releases the debug lock meanwhile", "[thread]")
{
	Fixture f;
	use_counting_locks_with_debugging();
	REQUIRE(evthread_set_condition_callbacks(&counting_conds) == 0);
	void *l = th::alloc_lock(0);
	void *cond = th::alloc_cond();
	REQUIRE(l);
	REQUIRE(cond);

	SECTION("another thread takes the lock while the waiter sleeps")
	{
		std::atomic<bool> waiting{false};
		bool go = false; // guarded by l
		bool held_after_wait = false;
		int wait_result = -2;
		std::thread waiter([&] {
			th::lock(l);
			waiting = true;
			while (!go)
				wait_result = th::cond_wait(cond, l, nullptr);
			held_after_wait = th::is_held(l);
			th::unlock(l);
		});
		while (!waiting)
			std::this_thread::yield();
		// Succeeds only once the waiter's wait released the lock, in the
		// bookkeeping as well as underneath.
		th::lock(l);
		go = true;
		CHECK(th::cond_signal(cond) == 0);
		th::unlock(l);
		waiter.join();
		CHECK(wait_result == 0);
		CHECK(held_after_wait);
		CHECK(counts.wait >= 1);
		CHECK(reports.fatal_msg.empty());
	}
	SECTION("waiting without holding the lock")
	{
		CHECK(dies([&] { th::cond_wait(cond, l, nullptr); }));
		CHECK_THAT(reports.fatal_msg, Contains("not holding"));
		CHECK(counts.wait == 0);
	}

	th::free_cond(cond);
	th::free_lock(l, 0);
	CHECK(counts.cond_free == 1);
	CHECK(counts.free == 1);
}
