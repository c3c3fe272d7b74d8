// Bufferevent state machines: enabling and suspension, watermarks,
// reference counts and deferred finalization, pairs moving chains, filters
// holding their underlying bufferevent, bad input.
#include <catch2/catch.hpp>

#include <event2/bufferevent_struct.h>

#include <cstring>
#include <string>

#include "core/stream/stream.hpp"
#include "core/thread/lock.hpp"
#include "tests/stream/stream_fixture.hpp"

using namespace stream_test;
using evcxx::stream::from;

namespace {

bool read_pending(bufferevent *b) { return event_pending(&b->ev_read, EV_READ, nullptr); }
bool write_pending(bufferevent *b) { return event_pending(&b->ev_write, EV_WRITE, nullptr); }

// Counts finalizations through a filter's free_context.
void count_free(void *arg) { ++*static_cast<int *>(arg); }

} // namespace

TEST_CASE("a new socket bufferevent writes by default and reads once enabled", "[stream]")
{
	Base base;
	SocketPair sp;
	bufferevent *b = bufferevent_socket_new(base.base, sp.release(0), BEV_OPT_CLOSE_ON_FREE);
	REQUIRE(b);
	auto *s = from(b);
	CHECK(b->enabled == EV_WRITE);
	CHECK(s->refcnt == 1);
	CHECK(bufferevent_get_max_single_read(b) == evcxx::stream::kDefaultMaxSingleIo);
	CHECK_FALSE(read_pending(b));
	CHECK_FALSE(write_pending(b)); // nothing to write yet

	// Only the socket fills the input and drains the output.
	CHECK(evbuffer_add(b->input, "x", 1) == -1);
	CHECK(bufferevent_write(b, "abc", 3) == 0);
	CHECK(write_pending(b));

	CHECK(bufferevent_enable(b, EV_READ) == 0);
	CHECK(read_pending(b));
	CHECK(bufferevent_disable(b, EV_READ | EV_WRITE) == 0);
	CHECK(b->enabled == 0);
	CHECK_FALSE(read_pending(b));
	CHECK_FALSE(write_pending(b));
	bufferevent_free(b);
}

TEST_CASE("suspension holds reading off until every reason is gone", "[stream]")
{
	Base base;
	SocketPair sp;
	bufferevent *b = bufferevent_socket_new(base.base, sp.release(0), BEV_OPT_CLOSE_ON_FREE);
	auto *s = from(b);
	bufferevent_enable(b, EV_READ);
	evcxx::stream::suspend_read(s, evcxx::stream::kSuspendWatermark);
	evcxx::stream::suspend_read(s, evcxx::stream::kSuspendBandwidth);
	CHECK_FALSE(read_pending(b));
	CHECK((b->enabled & EV_READ)); // still enabled as far as the application knows

	// Enabling while suspended records the wish but adds nothing.
	bufferevent_disable(b, EV_READ);
	bufferevent_enable(b, EV_READ);
	CHECK_FALSE(read_pending(b));

	evcxx::stream::unsuspend_read(s, evcxx::stream::kSuspendWatermark);
	CHECK_FALSE(read_pending(b));
	evcxx::stream::unsuspend_read(s, evcxx::stream::kSuspendBandwidth);
	CHECK(read_pending(b));

	// Unsuspending a disabled direction does not start it.
	bufferevent_disable(b, EV_READ);
	evcxx::stream::suspend_read(s, evcxx::stream::kSuspendLookup);
	evcxx::stream::unsuspend_read(s, evcxx::stream::kSuspendLookup);
	CHECK_FALSE(read_pending(b));
	bufferevent_free(b);
}

TEST_CASE("the read high watermark suspends and resumes reading as the input fills and drains", "[stream]")
{
	Base base;
	SocketPair sp;
	bufferevent *b = bufferevent_socket_new(base.base, sp.release(0), BEV_OPT_CLOSE_ON_FREE);
	auto *s = from(b);
	bufferevent_enable(b, EV_READ);
	bufferevent_setwatermark(b, EV_READ, 2, 10);
	size_t low = 0, high = 0;
	REQUIRE(bufferevent_getwatermark(b, EV_READ, &low, &high) == 0);
	CHECK(low == 2);
	CHECK(high == 10);
	CHECK(bufferevent_getwatermark(b, EV_READ | EV_WRITE, &low, &high) == -1);

	char data[16] = {};
	REQUIRE(write(sp.fd[1], data, sizeof data) == sizeof data);
	base.pass();
	CHECK(evbuffer_get_length(b->input) == 10); // read no further than the mark
	CHECK((s->read_suspended & evcxx::stream::kSuspendWatermark));
	CHECK_FALSE(read_pending(b));

	evbuffer_drain(b->input, 1);
	CHECK_FALSE((s->read_suspended & evcxx::stream::kSuspendWatermark));
	CHECK(read_pending(b));

	// Raising the mark to none resumes as well.
	evbuffer_unfreeze(b->input, 0);
	evbuffer_add(b->input, data, 5);
	evbuffer_freeze(b->input, 0);
	CHECK((s->read_suspended & evcxx::stream::kSuspendWatermark));
	bufferevent_setwatermark(b, EV_READ, 0, 0);
	CHECK(s->read_suspended == 0);
	CHECK(read_pending(b));
	bufferevent_free(b);
}

TEST_CASE("the read callback waits for the low watermark", "[stream]")
{
	Base base;
	SocketPair sp;
	bufferevent *b = bufferevent_socket_new(base.base, sp.release(0), BEV_OPT_CLOSE_ON_FREE);
	int calls = 0;
	bufferevent_setcb(b, [](bufferevent *, void *arg) { ++*static_cast<int *>(arg); }, nullptr, nullptr, &calls);
	bufferevent_setwatermark(b, EV_READ, 6, 0);
	bufferevent_enable(b, EV_READ);
	REQUIRE(write(sp.fd[1], "abc", 3) == 3);
	base.pass();
	CHECK(calls == 0);
	REQUIRE(write(sp.fd[1], "def", 3) == 3);
	base.pass();
	CHECK(calls == 1);
	bufferevent_free(b);
}

TEST_CASE("a freed bufferevent lives until its references are gone and the loop finalizes it", "[stream]")
{
	Base base;
	bufferevent *pair[2];
	REQUIRE(bufferevent_pair_new(base.base, 0, pair) == 0);
	int freed = 0;
	bufferevent *f = bufferevent_filter_new(pair[0], nullptr, nullptr, 0, count_free, &freed);
	REQUIRE(f);
	CHECK(from(pair[0])->refcnt == 2); // the filter holds its underlying bufferevent

	bufferevent_incref(f);
	bufferevent_free(f);
	base.pass();
	CHECK(freed == 0);
	CHECK(from(f)->refcnt == 1);
	CHECK(bufferevent_decref(f) == 1);
	CHECK(freed == 0); // only queued
	base.pass();
	CHECK(freed == 1);
	CHECK(from(pair[0])->refcnt == 1);

	bufferevent_incref(pair[1]);
	CHECK(bufferevent_decref(pair[1]) == 0);
	bufferevent_free(pair[0]);
	bufferevent_free(pair[1]);
}

TEST_CASE("bufferevent_free inside its own callback is safe", "[stream]")
{
	Base base;
	bufferevent *pair[2];
	REQUIRE(bufferevent_pair_new(base.base, 0, pair) == 0);
	struct Seen {
		size_t len_after_free = 0;
		int calls = 0;
	} seen;
	bufferevent_setcb(pair[1],
	                  [](bufferevent *b, void *arg) {
		                  auto *sn = static_cast<Seen *>(arg);
		                  ++sn->calls;
		                  bufferevent_free(b);
		                  // Still alive until the callback returns.
		                  sn->len_after_free = evbuffer_get_length(bufferevent_get_input(b));
	                  },
	                  nullptr, nullptr, &seen);
	bufferevent_enable(pair[1], EV_READ);
	bufferevent_write(pair[0], "hello", 5);
	base.pass();
	CHECK(seen.calls == 1);
	CHECK(seen.len_after_free == 5);
	CHECK(bufferevent_pair_get_partner(pair[0]) == nullptr);
	bufferevent_free(pair[0]);
}

TEST_CASE("pairs move chains to the partner instead of copying", "[stream]")
{
	Base base;
	bufferevent *pair[2];
	REQUIRE(bufferevent_pair_new(base.base, 0, pair) == 0);
	bufferevent_enable(pair[1], EV_READ);
	static const char text[] = "by reference";
	int cleaned = 0;
	REQUIRE(evbuffer_add_reference(
	            pair[0]->output, text, sizeof text,
	            [](const void *, size_t, void *arg) { ++*static_cast<int *>(arg); }, &cleaned) == 0);
	CHECK(evbuffer_get_length(pair[0]->output) == 0);
	evbuffer_iovec vec{};
	REQUIRE(evbuffer_peek(pair[1]->input, -1, nullptr, &vec, 1) == 1);
	CHECK(vec.iov_base == static_cast<const void *>(text));
	CHECK(cleaned == 0);
	bufferevent_free(pair[0]);
	bufferevent_free(pair[1]);
	base.pass();
	CHECK(cleaned == 1);
}

TEST_CASE("pairs stop at the partner's read high watermark unless flushed", "[stream]")
{
	Base base;
	bufferevent *pair[2];
	REQUIRE(bufferevent_pair_new(base.base, 0, pair) == 0);
	bufferevent_enable(pair[1], EV_READ);
	bufferevent_setwatermark(pair[1], EV_READ, 0, 4);
	bufferevent_write(pair[0], "0123456789", 10);
	CHECK(evbuffer_get_length(pair[1]->input) == 4);
	CHECK(evbuffer_get_length(pair[0]->output) == 6);
	CHECK(bufferevent_flush(pair[0], EV_WRITE, BEV_NORMAL) == 0);
	CHECK(evbuffer_get_length(pair[1]->input) == 4);
	CHECK(bufferevent_flush(pair[0], EV_WRITE, BEV_FLUSH) == 0);
	CHECK(evbuffer_get_length(pair[1]->input) == 10);
	bufferevent_free(pair[0]);
	CHECK(bufferevent_flush(pair[1], EV_WRITE, BEV_FLUSH) == -1); // no partner
	bufferevent_free(pair[1]);
}

TEST_CASE("a filter keeps its underlying bufferevent from reading until the filter reads", "[stream]")
{
	Base base;
	SocketPair sp;
	bufferevent *u = bufferevent_socket_new(base.base, sp.release(0), BEV_OPT_CLOSE_ON_FREE);
	bufferevent *f = bufferevent_filter_new(u, nullptr, nullptr, BEV_OPT_CLOSE_ON_FREE, nullptr, nullptr);
	REQUIRE(f);
	CHECK(bufferevent_get_underlying(f) == u);
	CHECK(bufferevent_getfd(f) == bufferevent_getfd(u));
	CHECK((from(u)->read_suspended & evcxx::stream::kSuspendFilterRead));
	CHECK(u->enabled == (EV_READ | EV_WRITE));
	CHECK_FALSE(read_pending(u));
	bufferevent_enable(f, EV_READ);
	CHECK(read_pending(u));

	REQUIRE(write(sp.fd[1], "abc", 3) == 3);
	base.pass();
	CHECK(evbuffer_get_length(f->input) == 3);
	bufferevent_disable(f, EV_READ);
	CHECK_FALSE(read_pending(u));
	bufferevent_free(f); // takes the underlying one along
	base.pass();
	char c;
	CHECK(read(sp.fd[1], &c, 1) == 0); // closed
}

TEST_CASE("NULL bufferevents are refused with a warning", "[stream]")
{
	LogCapture logs;
	CHECK(bufferevent_enable(nullptr, EV_READ) == -1);
	CHECK(bufferevent_write(nullptr, "x", 1) == -1);
	CHECK(bufferevent_get_input(nullptr) == nullptr);
	CHECK(bufferevent_socket_connect(nullptr, nullptr, 0) == -1);
	bufferevent_free(nullptr);
	CHECK(logs.severities == std::vector<int>(5, EVENT_LOG_WARN));
}

TEST_CASE("UNLOCK_CALLBACKS needs DEFER_CALLBACKS, THREADSAFE needs lock callbacks", "[stream]")
{
	Base base;
	LogCapture logs;
	CHECK(bufferevent_socket_new(base.base, -1, BEV_OPT_UNLOCK_CALLBACKS) == nullptr);
	CHECK(logs.severities == std::vector<int>{EVENT_LOG_WARN});
	bufferevent *b = bufferevent_socket_new(base.base, -1, BEV_OPT_UNLOCK_CALLBACKS | BEV_OPT_DEFER_CALLBACKS);
	CHECK(b);
	bufferevent_free(b);
	if (!evcxx::thread::locking_enabled())
		CHECK(bufferevent_socket_new(base.base, -1, BEV_OPT_THREADSAFE) == nullptr);
}
