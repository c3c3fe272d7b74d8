// LEV_OPT_THREADSAFE: a recursive lock, and control from another thread
// while the loop runs.
#include <catch2/catch.hpp>

#include <event2/event.h>
#include <event2/listener.h>
#include <event2/thread.h>

#include <semaphore.h>
#include <unistd.h>

#include <thread>

#include "core/listener/listener.hpp"
#include "tests/listener/listener_fixture.hpp"
#include "tests/thread/thread_fixture.hpp"

using namespace listener_test;

namespace {

sem_t accepted_one;

void record_and_post(evconnlistener *lev, evutil_socket_t fd, sockaddr *sa, int len, void *arg)
{
	record(lev, fd, sa, len, arg);
	sem_post(&accepted_one);
}

void install_counting_callbacks()
{
	REQUIRE(evthread_set_lock_callbacks(&thread_test::counting_locks) == 0);
	REQUIRE(evthread_set_condition_callbacks(&thread_test::counting_conds) == 0);
	evthread_set_id_callback(thread_test::pthread_id);
}

} // namespace

TEST_CASE_METHOD(thread_test::Fixture, "THREADSAFE listeners get a recursive lock", "[listener]")
{
	install_counting_callbacks();
	event_base *base = event_base_new();
	Recorder rec;
	const sockaddr_in sin = loopback();
	const auto *sa = reinterpret_cast<const sockaddr *>(&sin);

	evconnlistener *plain = evconnlistener_new_bind(base, record, &rec, LEV_OPT_CLOSE_ON_FREE, -1, sa, sizeof sin);
	REQUIRE(plain);
	CHECK(plain->lock == nullptr);
	evconnlistener_free(plain);

	const int allocs = thread_test::counts.alloc;
	evconnlistener *safe = evconnlistener_new_bind(
	    base, record, &rec, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_THREADSAFE, -1, sa, sizeof sin);
	REQUIRE(safe);
	CHECK(safe->lock != nullptr);
	CHECK(thread_test::counts.alloc == allocs + 1);
	CHECK(thread_test::counts.last_alloc_type == EVTHREAD_LOCKTYPE_RECURSIVE);
	const int frees = thread_test::counts.free;
	evconnlistener_free(safe);
	CHECK(thread_test::counts.free == frees + 1);
	event_base_free(base);
}

TEST_CASE_METHOD(thread_test::Fixture, "disable and free from another thread while the loop runs",
                 "[listener]")
{
	install_counting_callbacks();
	REQUIRE(sem_init(&accepted_one, 0, 0) == 0);
	event_base *base = event_base_new();
	Recorder rec;
	const sockaddr_in sin = loopback();
	evconnlistener *lev = evconnlistener_new_bind(
	    base, record_and_post, &rec, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_THREADSAFE, -1,
	    reinterpret_cast<const sockaddr *>(&sin), sizeof sin);
	REQUIRE(lev);
	const int fd = evconnlistener_get_fd(lev);
	const sockaddr_in at = local_address(fd);
	// Keeps the loop running once the listener is gone.
	event *keepalive = event_new(base, -1, EV_PERSIST, [](evutil_socket_t, short, void *) {}, nullptr);
	const timeval hour = {3600, 0};
	event_add(keepalive, &hour);

	std::thread loop([base] { event_base_dispatch(base); });
	const int c1 = connect_to(at);
	sem_wait(&accepted_one);
	CHECK(evconnlistener_disable(lev) == 0);
	const int c2 = connect_to(at); // queued, never accepted
	evconnlistener_free(lev);
	CHECK(event_base_loopbreak(base) == 0);
	loop.join();

	CHECK(rec.accepted.size() == 1);
	CHECK_FALSE(is_open(fd));
	close(c1);
	close(c2);
	event_free(keepalive);
	event_base_free(base);
	sem_destroy(&accepted_one);
}
