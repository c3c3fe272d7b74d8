// evthread_use_pthreads (libevent_pthreads), driven through the engine.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include <sys/time.h>

#include "tests/thread/thread_fixture.hpp"

using namespace thread_test;
namespace th = evcxx::thread;

TEST_CASE("evthread_use_pthreads installs everything, and may be repeated", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_use_pthreads() == 0);
	CHECK(th::locking_enabled());
	CHECK(th::cond_fns.wait_condition != nullptr);
	CHECK(th::current_id() == (unsigned long)pthread_self());
	unsigned long other = 0;
	std::thread([&] { other = th::current_id(); }).join();
	CHECK(other != th::current_id());

	CHECK(evthread_use_pthreads() == 0);
	CHECK(reports.warnings.empty());
	// Someone else's callbacks are refused now.
	CHECK(evthread_set_lock_callbacks(&counting_locks) == -1);
	CHECK(evthread_set_condition_callbacks(&counting_conds) == -1);
}

TEST_CASE("pthread locks exclude each other", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_use_pthreads() == 0);
	void *l = th::alloc_lock(0);
	REQUIRE(l);
	constexpr int kRounds = 100000;
	long counter = 0; // guarded by l
	auto bump = [&] {
		for (int i = 0; i < kRounds; ++i) {
			th::lock(l);
			++counter;
			th::unlock(l);
		}
	};
	std::thread a(bump), b(bump);
	a.join();
	b.join();
	CHECK(counter == 2L * kRounds);
	th::free_lock(l, 0);
}

TEST_CASE("pthread locks: recursive and try modes", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_use_pthreads() == 0);
	void *rec = th::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE);
	REQUIRE(rec);
	th::lock(rec);
	th::lock(rec);
	int other_try = 0;
	std::thread([&] { other_try = th::lock_fns.lock(EVTHREAD_TRY, rec); }).join();
	CHECK(other_try != 0);
	th::unlock(rec);
	th::unlock(rec);
	std::thread([&] {
		other_try = th::lock_fns.lock(EVTHREAD_TRY, rec);
		if (other_try == 0)
			th::unlock(rec);
	}).join();
	CHECK(other_try == 0);
	th::free_lock(rec, EVTHREAD_LOCKTYPE_RECURSIVE);
}

TEST_CASE("pthread conditions: timeout and signal", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_use_pthreads() == 0);
	void *l = th::alloc_lock(0);
	void *cond = th::alloc_cond();
	REQUIRE(l);
	REQUIRE(cond);

	SECTION("an unsignalled timed wait times out after the interval")
	{
		const timeval tv = {0, 50 * 1000};
		th::lock(l);
		const auto start = std::chrono::steady_clock::now();
		const int r = th::cond_wait(cond, l, &tv);
		const auto waited = std::chrono::steady_clock::now() - start;
		th::unlock(l);
		CHECK(r == 1);
		CHECK(waited >= std::chrono::milliseconds(50));
	}
	SECTION("a signal from another thread wakes the waiter")
	{
		bool ready = false; // guarded by l
		std::atomic<bool> waiting{false};
		int result = -2;
		std::thread waiter([&] {
			// Long enough never to expire in a healthy run.
			const timeval tv = {30, 0};
			th::lock(l);
			waiting = true;
			while (!ready)
				result = th::cond_wait(cond, l, &tv);
			th::unlock(l);
		});
		while (!waiting)
			std::this_thread::yield();
		// The lock is free again only once the waiter sleeps in its wait.
		th::lock(l);
		ready = true;
		CHECK(th::cond_signal(cond) == 0);
		th::unlock(l);
		waiter.join();
		CHECK(result == 0);
	}
	SECTION("broadcast wakes every waiter")
	{
		bool ready = false; // guarded by l
		std::atomic<int> woken{0}, results{0};
		auto wait = [&] {
			th::lock(l);
			while (!ready)
				results += th::cond_wait(cond, l, nullptr);
			th::unlock(l);
			++woken;
		};
		std::thread a(wait), b(wait);
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
		th::lock(l);
		ready = true;
		CHECK(th::cond_broadcast(cond) == 0);
		th::unlock(l);
		a.join();
		b.join();
		CHECK(woken == 2);
		CHECK(results == 0);
	}

	th::free_cond(cond);
	th::free_lock(l, 0);
}

TEST_CASE("pthread callbacks under lock debugging", "[thread]")
{
	Fixture f;
	REQUIRE(evthread_use_pthreads() == 0);
	evthread_enable_lock_debugging();
	void *l = th::alloc_lock(0);
	void *cond = th::alloc_cond();
	REQUIRE(l);
	REQUIRE(cond);
	th::lock(l);
	const timeval tv = {0, 10 * 1000};
	CHECK(th::cond_wait(cond, l, &tv) == 1);
	CHECK(th::is_held(l));
	CHECK(dies([&] { th::lock(l); }));
	th::unlock(l);
	CHECK_FALSE(th::is_held(l));
	th::free_cond(cond);
	th::free_lock(l, 0);
}
