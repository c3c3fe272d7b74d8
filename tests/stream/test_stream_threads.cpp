// THREADSAFE bufferevents with real (counting, pthread-backed) locks: one
// recursive lock shared by a bufferevent, its buffers, a pair's two ends
// and a filter over it; another thread writing while the loop runs.
#include <catch2/catch.hpp>

#include <event2/bufferevent_struct.h>

#include <atomic>
#include <thread>

#include "core/stream/stream.hpp"
#include "tests/stream/stream_fixture.hpp"
#include "tests/thread/thread_fixture.hpp"

using namespace stream_test;
using evcxx::stream::from;

namespace {

void install_counting_callbacks()
{
	REQUIRE(evthread_set_lock_callbacks(&thread_test::counting_locks) == 0);
	REQUIRE(evthread_set_condition_callbacks(&thread_test::counting_conds) == 0);
	evthread_set_id_callback(thread_test::pthread_id);
}

} // namespace

TEST_CASE_METHOD(thread_test::Fixture, "THREADSAFE bufferevents share one recursive lock", "[stream][thread]")
{
	install_counting_callbacks();
	Base base;
	const int allocs_before = thread_test::counts.alloc, frees_before = thread_test::counts.free;
	{
		int allocs = thread_test::counts.alloc;
		bufferevent *b = bufferevent_socket_new(base.base, -1, BEV_OPT_THREADSAFE);
		REQUIRE(b);
		CHECK(thread_test::counts.alloc == allocs + 1);
		CHECK(thread_test::counts.last_alloc_type == EVTHREAD_LOCKTYPE_RECURSIVE);
		CHECK(from(b)->lock != nullptr);

		allocs = thread_test::counts.alloc;
		bufferevent *f = bufferevent_filter_new(b, nullptr, nullptr, BEV_OPT_THREADSAFE, nullptr, nullptr);
		REQUIRE(f);
		CHECK(thread_test::counts.alloc == allocs); // the filter takes the underlying lock
		CHECK(from(f)->lock == from(b)->lock);

		bufferevent *pair[2];
		REQUIRE(bufferevent_pair_new(base.base, BEV_OPT_THREADSAFE, pair) == 0);
		CHECK(thread_test::counts.alloc == allocs + 1);
		CHECK(from(pair[0])->lock == from(pair[1])->lock);

		bufferevent_lock(pair[1]);
		bufferevent_lock(pair[0]); // the same recursive lock
		bufferevent_unlock(pair[0]);
		bufferevent_unlock(pair[1]);

		// Either end may go first; the lock goes with the last.
		bufferevent_free(pair[1]);
		base.pass();
		bufferevent_free(pair[0]);
		bufferevent_free(f);
		bufferevent_free(b);
		base.pass();
	}
	// Every lock the bufferevents made is gone, and none is held.
	CHECK(thread_test::counts.free - frees_before == thread_test::counts.alloc - allocs_before);
	CHECK(thread_test::counts.lock == thread_test::counts.unlock);
}

TEST_CASE_METHOD(thread_test::Fixture, "another thread writes while the loop reads the other end", "[stream][thread]")
{
	install_counting_callbacks();
	Base base;
	SocketPair sp;
	bufferevent *writer = bufferevent_socket_new(base.base, sp.release(0), BEV_OPT_THREADSAFE | BEV_OPT_CLOSE_ON_FREE);
	bufferevent *reader = bufferevent_socket_new(base.base, sp.release(1),
	                                             BEV_OPT_THREADSAFE | BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
	REQUIRE(writer);
	REQUIRE(reader);
	constexpr size_t kChunks = 200, kChunk = 100;
	struct State {
		event_base *base;
		size_t got = 0;
	} state{base.base};
	bufferevent_setcb(reader,
	                  [](bufferevent *b, void *arg) {
		                  auto *st = static_cast<State *>(arg);
		                  st->got += evbuffer_get_length(b->input);
		                  evbuffer_drain(b->input, evbuffer_get_length(b->input));
		                  if (st->got == kChunks * kChunk)
			                  event_base_loopbreak(st->base);
	                  },
	                  nullptr, nullptr, &state);
	bufferevent_enable(reader, EV_READ);
	// Keeps the loop alive until everything arrived.
	event *keepalive = event_new(base.base, -1, EV_PERSIST, [](evutil_socket_t, short, void *) {}, nullptr);
	const timeval minute = {60, 0};
	event_add(keepalive, &minute);

	std::thread producer([writer] {
		char chunk[kChunk] = {};
		for (size_t i = 0; i < kChunks; ++i)
			bufferevent_write(writer, chunk, sizeof chunk);
	});
	event_base_dispatch(base.base);
	producer.join();
	CHECK(state.got == kChunks * kChunk);
	event_free(keepalive);
	bufferevent_free(writer);
	bufferevent_free(reader);
	base.pass();
}
