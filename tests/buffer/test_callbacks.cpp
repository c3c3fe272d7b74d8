// Change callbacks: accounting in evbuffer_cb_info, flags, and deferred runs
// from the loop.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include <event2/buffer_compat.h>
#include <event2/event.h>

#include "tests/buffer/buffer_fixture.hpp"

using namespace buffer_test;

namespace {

struct Seen {
	std::vector<std::string> calls;
};

void record(evbuffer *, const evbuffer_cb_info *info, void *arg)
{
	static_cast<Seen *>(arg)->calls.push_back(std::to_string(info->orig_size) + "+" + std::to_string(info->n_added) +
	                                          "-" + std::to_string(info->n_deleted));
}

void record_old(evbuffer *, size_t old_len, size_t new_len, void *arg)
{
	static_cast<Seen *>(arg)->calls.push_back(std::to_string(old_len) + "->" + std::to_string(new_len));
}

} // namespace

TEST_CASE("each change reports what it added and removed", "[buffer]")
{
	Buf b;
	Seen seen;
	evbuffer_add_cb(b, record, &seen);
	evbuffer_add(b, "hello\nworld", 11);
	evbuffer_drain(b, 1);
	char *line = evbuffer_readln(b, nullptr, EVBUFFER_EOL_LF);
	free(line);
	evbuffer_prepend(b, "ab", 2);
	CHECK(seen.calls == std::vector<std::string>{"0+11-0", "11+0-1", "10+0-4", "6+0-1", "5+2-0"});
}

TEST_CASE("callbacks run newest first and can be disabled", "[buffer]")
{
	Buf b;
	std::vector<int> order;
	auto first = [](evbuffer *, const evbuffer_cb_info *, void *arg) {
		static_cast<std::vector<int> *>(arg)->push_back(1);
	};
	auto second = [](evbuffer *, const evbuffer_cb_info *, void *arg) {
		static_cast<std::vector<int> *>(arg)->push_back(2);
	};
	evbuffer_add_cb(b, first, &order);
	evbuffer_cb_entry *e2 = evbuffer_add_cb(b, second, &order);
	evbuffer_add(b, "x", 1);
	CHECK(order == std::vector<int>{2, 1});
	evbuffer_cb_clear_flags(b, e2, EVBUFFER_CB_ENABLED);
	evbuffer_add(b, "x", 1);
	CHECK(order == std::vector<int>{2, 1, 1});
	CHECK(evbuffer_remove_cb(b, first, &order) == 0);
	CHECK(evbuffer_remove_cb(b, first, &order) == -1);
	evbuffer_cb_set_flags(b, e2, EVBUFFER_CB_ENABLED);
	evbuffer_add(b, "x", 1);
	CHECK(order == std::vector<int>{2, 1, 1, 2});
	CHECK(evbuffer_remove_cb_entry(b, e2) == 0);
}

TEST_CASE("evbuffer_setcb replaces every callback with an old-style one", "[buffer]")
{
	Buf b;
	Seen seen, old;
	evbuffer_add_cb(b, record, &seen);
	REQUIRE(evbuffer_setcb(b, record_old, &old) == 0);
	evbuffer_add(b, "abc", 3);
	evbuffer_drain(b, 1);
	CHECK(seen.calls.empty());
	CHECK(old.calls == std::vector<std::string>{"0->3", "3->2"});
	REQUIRE(evbuffer_setcb(b, nullptr, nullptr) == 0);
	evbuffer_add(b, "abc", 3);
	CHECK(old.calls.size() == 2);
}

TEST_CASE("deferred callbacks run from the loop with the changes summed", "[buffer]")
{
	event_base *base = event_base_new();
	REQUIRE(base);
	Seen seen;
	{
		Buf b;
		REQUIRE(evbuffer_defer_callbacks(b, base) == 0);
		evbuffer_add_cb(b, record, &seen);
		evbuffer_add(b, "hello", 5);
		evbuffer_add(b, "world", 5);
		evbuffer_drain(b, 3);
		CHECK(seen.calls.empty());
		event_base_loop(base, EVLOOP_NONBLOCK);
		CHECK(seen.calls == std::vector<std::string>{"0+10-3"});
		event_base_loop(base, EVLOOP_NONBLOCK);
		CHECK(seen.calls.size() == 1);
		evbuffer_add(b, "!", 1);
	}
	// Freed with a run pending: the run still happens, then the buffer goes.
	event_base_loop(base, EVLOOP_NONBLOCK);
	CHECK(seen.calls == std::vector<std::string>{"0+10-3", "7+1-0"});
	event_base_free(base);
}
