// evutil_date_rfc1123, the monotonic timer functions and the secure RNG.
#include <catch2/catch.hpp>

#include <event2/util.h>

#include <climits>
#include <cstring>
#include <cstdlib>
#include <ctime>
#include <string>

#include "core/util/monotonic.hpp"

TEST_CASE("evutil_date_rfc1123 formats as upstream", "[util]")
{
	tm t{};
	t.tm_year = 70;
	t.tm_mday = 1;
	t.tm_wday = 4;
	char buf[64];
	CHECK(evutil_date_rfc1123(buf, sizeof buf, &t) == 29);
	CHECK(std::string(buf) == "Thu, 01 Jan 1970 00:00:00 GMT");

	t = {};
	t.tm_year = 94;
	t.tm_mon = 10;
	t.tm_mday = 6;
	t.tm_wday = 0;
	t.tm_hour = 8;
	t.tm_min = 49;
	t.tm_sec = 37;
	CHECK(evutil_date_rfc1123(buf, sizeof buf, &t) == 29);
	CHECK(std::string(buf) == "Sun, 06 Nov 1994 08:49:37 GMT");

	// Years are space-padded to four columns and may grow past them.
	t.tm_year = 5 - 1900;
	CHECK(evutil_date_rfc1123(buf, sizeof buf, &t) == 29);
	CHECK(std::string(buf) == "Sun, 06 Nov    5 08:49:37 GMT");
	t.tm_year = 20000;
	CHECK(evutil_date_rfc1123(buf, sizeof buf, &t) == 30);
	CHECK(std::string(buf) == "Sun, 06 Nov 21900 08:49:37 GMT");
	// No overflow computing 1900 + INT_MAX.
	t.tm_year = INT_MAX;
	CHECK(evutil_date_rfc1123(buf, sizeof buf, &t) == 35);
	CHECK(std::string(buf) == "Sun, 06 Nov 2147485547 08:49:37 GMT");

	// Truncation keeps the snprintf return value.
	t.tm_year = 120;
	CHECK(evutil_date_rfc1123(buf, 10, &t) == 29);
	CHECK(std::string(buf) == "Sun, 06 N");
}

TEST_CASE("evutil_date_rfc1123 without a tm uses the current UTC time", "[util]")
{
	char buf[64];
	const time_t before = time(nullptr);
	REQUIRE(evutil_date_rfc1123(buf, sizeof buf, nullptr) == 29);
	tm parsed{};
	REQUIRE(strptime(buf, "%a, %d %b %Y %H:%M:%S GMT", &parsed) != nullptr);
	const time_t printed = timegm(&parsed);
	CHECK(printed >= before);
	CHECK(printed <= time(nullptr));
}

TEST_CASE("evutil_date_rfc1123 refuses out-of-range day and month (divergence)", "[util]")
{
	// Upstream indexes its name tables with these unchecked.
	char buf[64] = "junk";
	tm t{};
	t.tm_wday = 7;
	CHECK(evutil_date_rfc1123(buf, sizeof buf, &t) == -1);
	CHECK(buf[0] == '\0');
	t.tm_wday = 0;
	t.tm_mon = -1;
	CHECK(evutil_date_rfc1123(buf, sizeof buf, &t) == -1);
	t.tm_mon = 12;
	CHECK(evutil_date_rfc1123(buf, 0, &t) == -1);
}

TEST_CASE("monotonic timers never go backwards", "[util]")
{
	for (int flags : {0, EV_MONOT_PRECISE, EV_MONOT_FALLBACK, EV_MONOT_PRECISE | EV_MONOT_FALLBACK}) {
		INFO("flags " << flags);
		evutil_monotonic_timer *timer = evutil_monotonic_timer_new();
		REQUIRE(timer);
		CHECK(evutil_configure_monotonic_time(timer, flags) == 0);
		timeval prev{}, now{};
		REQUIRE(evutil_gettime_monotonic(timer, &prev) == 0);
		for (int i = 0; i < 1000; ++i) {
			REQUIRE(evutil_gettime_monotonic(timer, &now) == 0);
			REQUIRE(!evutil_timercmp(&now, &prev, <));
			REQUIRE(now.tv_usec >= 0);
			REQUIRE(now.tv_usec < 1000000);
			prev = now;
		}
		evutil_monotonic_timer_free(timer);
	}
	evutil_monotonic_timer_free(nullptr);
	timeval tv;
	CHECK(evutil_gettime_monotonic(nullptr, &tv) == -1);
	CHECK(evutil_configure_monotonic_time(nullptr, 0) == -1);
}

TEST_CASE("an unconfigured timer reads CLOCK_MONOTONIC (divergence)", "[util]")
{
	// Upstream's zeroed timer holds clock id 0, CLOCK_REALTIME.
	evutil_monotonic_timer *timer = evutil_monotonic_timer_new();
	REQUIRE(timer);
	timespec mono;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	timeval tv;
	REQUIRE(evutil_gettime_monotonic(timer, &tv) == 0);
	CHECK(tv.tv_sec >= mono.tv_sec);
	CHECK(tv.tv_sec - mono.tv_sec <= 1);
	evutil_monotonic_timer_free(timer);
}

TEST_CASE("the precise timer follows CLOCK_MONOTONIC and the fallback the wall clock", "[util]")
{
	evutil_monotonic_timer *timer = evutil_monotonic_timer_new();
	REQUIRE(timer);
	REQUIRE(evutil_configure_monotonic_time(timer, EV_MONOT_PRECISE) == 0);
	timespec mono;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	timeval tv;
	REQUIRE(evutil_gettime_monotonic(timer, &tv) == 0);
	CHECK(tv.tv_sec - mono.tv_sec <= 1);
	CHECK(tv.tv_sec >= mono.tv_sec);

	REQUIRE(evutil_configure_monotonic_time(timer, EV_MONOT_FALLBACK) == 0);
	REQUIRE(evutil_gettime_monotonic(timer, &tv) == 0);
	CHECK(std::abs(tv.tv_sec - time(nullptr)) <= 1);
	evutil_monotonic_timer_free(timer);
}

TEST_CASE("the fallback timer absorbs a wall clock stepping back", "[util]")
{
	// The engine timer's last reading is set ahead of the wall clock, as
	// if the clock had just been stepped back by an hour.
	evcxx::util::MonotonicTimer timer;
	evcxx::util::configure_monotonic_timer(timer, evcxx::util::kMonotonicFallback);
	timeval first, second;
	REQUIRE(evcxx::util::read_monotonic_timer(timer, first) == 0);
	timer.last += 3600 * evcxx::clock::kNsPerSec;
	REQUIRE(evcxx::util::read_monotonic_timer(timer, second) == 0);
	CHECK(second.tv_sec >= first.tv_sec + 3600);
	timeval third;
	REQUIRE(evcxx::util::read_monotonic_timer(timer, third) == 0);
	CHECK(!evutil_timercmp(&third, &second, <));
}

TEST_CASE("the secure RNG fills buffers", "[util]")
{
	CHECK(evutil_secure_rng_init() == 0);
	unsigned char a[64] = {}, b[64] = {};
	evutil_secure_rng_get_bytes(a, sizeof a);
	evutil_secure_rng_get_bytes(b, sizeof b);
	CHECK(std::memcmp(a, b, sizeof a) != 0);
	int zeros = 0;
	for (unsigned char c : a)
		zeros += c == 0;
	CHECK(zeros < 16);
	evutil_secure_rng_get_bytes(a, 0);
	evutil_secure_rng_add_bytes("entropy", 7);
	// Debian's arc4random build refuses a device file.
	char path[] = "/dev/urandom";
	CHECK(evutil_secure_rng_set_urandom_device_file(path) == -1);
}
