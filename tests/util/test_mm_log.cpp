#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace {
int malloc_calls = 0;
int free_calls = 0;
void *count_malloc(size_t n) { ++malloc_calls; return std::malloc(n); }
void *count_realloc(void *p, size_t n) { return std::realloc(p, n); }
void count_free(void *p) { if (p) ++free_calls; std::free(p); }

std::vector<std::pair<int, std::string>> logged;
void capture(int sev, const char *msg) { logged.emplace_back(sev, msg); }
} // namespace

TEST_CASE("allocator hooks see every allocation", "[mm]")
{
	using namespace evcxx;
	malloc_calls = free_calls = 0;
	mm::set_functions(count_malloc, count_realloc, count_free);
	void *p = mm::alloc(16);
	char *s = mm::strdup("hello");
	void *z = mm::zalloc(4, 8);
	REQUIRE(p);
	REQUIRE(std::string(s) == "hello");
	REQUIRE(static_cast<unsigned char *>(z)[31] == 0);
	mm::release(p);
	mm::release(s);
	mm::release(z);
	mm::set_functions(nullptr, nullptr, nullptr);
	CHECK(malloc_calls == 3);
	CHECK(free_calls == 3);
}

TEST_CASE("zero and overflowing sizes allocate nothing", "[mm]")
{
	using namespace evcxx;
	CHECK(mm::alloc(0) == nullptr);
	CHECK(mm::zalloc(0, 4) == nullptr);
	CHECK(mm::zalloc(SIZE_MAX / 2, 4) == nullptr);
	CHECK(mm::strdup(nullptr) == nullptr);
}

TEST_CASE("log callback receives severity and formatted text", "[log]")
{
	using namespace evcxx;
	logged.clear();
	log::set_callback(capture);
	log::warnx("value %d", 42);
	log::msgx("hello");
	log::debugx("hidden");
	log::set_debug_mask(1);
	log::debugx("shown");
	log::set_debug_mask(0);
	errno = EBADF;
	log::warn("call");
	log::set_callback(nullptr);
	REQUIRE(logged.size() == 4);
	CHECK(logged[0] == std::make_pair(int(log::Warn), std::string("value 42")));
	CHECK(logged[1].first == log::Msg);
	CHECK(logged[2] == std::make_pair(int(log::Debug), std::string("shown")));
	CHECK(logged[3].second == std::string("call: ") + std::strerror(EBADF));
}
