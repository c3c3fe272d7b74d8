#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include <event2/event_struct.h>

#include "core/time/timer_heap.hpp"

using evcxx::time::TimerHeap;

namespace {
std::vector<event> make_events(size_t n)
{
	std::vector<event> evs(n);
	for (auto &ev : evs) {
		std::memset(&ev, 0, sizeof ev);
		TimerHeap::mark_unheaped(&ev);
	}
	return evs;
}
} // namespace

TEST_CASE("timer heap pops in deadline order", "[timer]")
{
	auto evs = make_events(1000);
	TimerHeap heap;
	std::mt19937 rng(7);
	std::vector<int64_t> deadlines;
	for (auto &ev : evs) {
		const int64_t when = rng() % 5000;
		REQUIRE(heap.reserve(1));
		heap.push(&ev, when);
		deadlines.push_back(when);
	}
	std::sort(deadlines.begin(), deadlines.end());
	for (int64_t expected : deadlines) {
		REQUIRE(heap.top().when == expected);
		event *ev = heap.pop();
		CHECK_FALSE(TimerHeap::in_heap(ev));
	}
	CHECK(heap.empty());
}

TEST_CASE("equal deadlines fire in insertion order", "[timer]")
{
	auto evs = make_events(64);
	TimerHeap heap;
	REQUIRE(heap.reserve(evs.size()));
	for (auto &ev : evs)
		heap.push(&ev, 42);
	for (auto &ev : evs)
		CHECK(heap.pop() == &ev);
}

TEST_CASE("erasing arbitrary timers keeps the heap ordered", "[timer]")
{
	auto evs = make_events(500);
	TimerHeap heap;
	std::mt19937 rng(11);
	REQUIRE(heap.reserve(evs.size()));
	for (auto &ev : evs)
		heap.push(&ev, rng() % 1000);
	size_t erased = 0;
	for (size_t i = 0; i < evs.size(); i += 3) {
		heap.erase(&evs[i]);
		CHECK_FALSE(TimerHeap::in_heap(&evs[i]));
		++erased;
	}
	CHECK(heap.size() == evs.size() - erased);
	int64_t last = -1;
	uint64_t popped = 0;
	while (!heap.empty()) {
		CHECK(heap.top().when >= last);
		last = heap.top().when;
		heap.pop();
		++popped;
	}
	CHECK(popped == evs.size() - erased);
}

TEST_CASE("index stored in the event follows its slot", "[timer]")
{
	auto evs = make_events(100);
	TimerHeap heap;
	REQUIRE(heap.reserve(evs.size()));
	for (size_t i = 0; i < evs.size(); ++i)
		heap.push(&evs[i], int64_t(evs.size() - i));
	for (size_t i = 0; i < heap.size(); ++i)
		CHECK(heap.at(i).ev->ev_timeout_pos.min_heap_idx == int(i));
	CHECK(heap.is_top(&evs.back()));
}

TEST_CASE("rescheduling in place keeps order, and counts as a new add for ties", "[timer]")
{
	auto evs = make_events(300);
	TimerHeap heap;
	std::mt19937 rng(5);
	REQUIRE(heap.reserve(evs.size()));
	for (auto &ev : evs)
		heap.push(&ev, rng() % 1000);
	for (int round = 0; round < 1000; ++round)
		heap.update(&evs[rng() % evs.size()], rng() % 1000);
	// A timer moved onto an existing deadline fires after the ones already there.
	heap.update(&evs[0], 5000);
	heap.update(&evs[1], 5000);
	heap.update(&evs[0], 5000);
	int64_t last = -1;
	std::vector<event *> tail;
	while (!heap.empty()) {
		REQUIRE(heap.top().when >= last);
		last = heap.top().when;
		event *ev = heap.pop();
		if (last == 5000)
			tail.push_back(ev);
	}
	CHECK(tail == std::vector<event *>{&evs[1], &evs[0]});
}
