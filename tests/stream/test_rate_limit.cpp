// Rate limiting: configuration checks, bucket accounting and suspension,
// per-read caps, group shares.
#include <catch2/catch.hpp>

#include <event2/bufferevent_struct.h>

#include <cstdint>

#include "core/stream/rate_limit.hpp"
#include "core/stream/stream.hpp"
#include "tests/stream/stream_fixture.hpp"

using namespace stream_test;
using evcxx::stream::from;
using evcxx::stream::kSuspendBandwidth;
using evcxx::stream::kSuspendGroup;

namespace {

// Ticks of ten hours: no refill can happen while a test runs.
const timeval kLongTick = {36000, 0};

struct Cfg {
	ev_token_bucket_cfg *cfg;
	Cfg(size_t rr, size_t rb, size_t wr, size_t wb, const timeval *tick = &kLongTick)
	    : cfg(ev_token_bucket_cfg_new(rr, rb, wr, wb, tick))
	{
	}
	~Cfg() { ev_token_bucket_cfg_free(cfg); }
};

bool refill_pending(bufferevent *b) { return event_pending(&from(b)->rate->refill, EV_TIMEOUT, nullptr); }

} // namespace

TEST_CASE("token bucket configurations reject impossible rates", "[stream][ratelim]")
{
	CHECK(ev_token_bucket_cfg_new(0, 1, 1, 1, nullptr) == nullptr);
	CHECK(ev_token_bucket_cfg_new(1, 1, 0, 1, nullptr) == nullptr);
	CHECK(ev_token_bucket_cfg_new(2, 1, 1, 1, nullptr) == nullptr);
	CHECK(ev_token_bucket_cfg_new(1, 1, 2, 1, nullptr) == nullptr);
	CHECK(ev_token_bucket_cfg_new(1, SIZE_MAX, 1, 1, nullptr) == nullptr);
	CHECK(ev_token_bucket_cfg_new(1, 1, 1, static_cast<size_t>(EV_RATE_LIMIT_MAX) + 1, nullptr) == nullptr);
	Cfg max(EV_RATE_LIMIT_MAX, EV_RATE_LIMIT_MAX, 1, 1, nullptr);
	CHECK(max.cfg);
	CHECK(max.cfg->msec_per_tick == 1000);
}

TEST_CASE("a tick shorter than a millisecond is refused (upstream divides by zero later)", "[stream][ratelim]")
{
	LogCapture logs;
	const timeval tiny = {0, 999};
	CHECK(ev_token_bucket_cfg_new(1, 1, 1, 1, &tiny) == nullptr);
	CHECK(logs.severities == std::vector<int>{EVENT_LOG_WARN});
	const timeval one_ms = {0, 1000};
	Cfg ok(1, 1, 1, 1, &one_ms);
	CHECK(ok.cfg);
}

TEST_CASE("charging a bucket suspends at zero and a negative decrement resumes", "[stream][ratelim]")
{
	Base base;
	SocketPair sp;
	bufferevent *b = bufferevent_socket_new(base.base, sp.release(0), BEV_OPT_CLOSE_ON_FREE);
	bufferevent_enable(b, EV_READ | EV_WRITE);
	Cfg c(100, 300, 50, 50);
	REQUIRE(bufferevent_set_rate_limit(b, c.cfg) == 0);
	auto *s = from(b);
	CHECK(bufferevent_get_read_limit(b) == 100); // starts one tick's worth full
	CHECK(bufferevent_get_max_to_read(b) == 100);

	evcxx::stream::charge_read(s, 150);
	CHECK(bufferevent_get_read_limit(b) == -50);
	CHECK((s->read_suspended & kSuspendBandwidth));
	CHECK(bufferevent_get_max_to_read(b) == 0);
	CHECK(refill_pending(b));

	CHECK(bufferevent_decrement_read_limit(b, -100) == 0);
	CHECK(bufferevent_get_read_limit(b) == 50);
	CHECK_FALSE((s->read_suspended & kSuspendBandwidth));
	CHECK_FALSE(refill_pending(b));

	// With writing still held off, the refill timer stays.
	CHECK(bufferevent_decrement_write_limit(b, 50) == 0);
	CHECK((s->write_suspended & kSuspendBandwidth));
	evcxx::stream::charge_read(s, 60);
	CHECK(bufferevent_decrement_read_limit(b, -20) == 0);
	CHECK(refill_pending(b));

	// Dropping the limit resumes everything.
	CHECK(bufferevent_set_rate_limit(b, nullptr) == 0);
	CHECK(s->read_suspended == 0);
	CHECK(s->write_suspended == 0);
	CHECK(bufferevent_get_read_limit(b) == EV_SSIZE_MAX);
	CHECK_FALSE(refill_pending(b));
	bufferevent_free(b);
}

TEST_CASE("a new configuration only shrinks a bucket", "[stream][ratelim]")
{
	Base base;
	bufferevent *b = bufferevent_socket_new(base.base, -1, 0);
	Cfg big(1000, 1000, 1000, 1000), small(10, 20, 10, 20);
	bufferevent_set_rate_limit(b, big.cfg);
	CHECK(bufferevent_get_read_limit(b) == 1000);
	bufferevent_set_rate_limit(b, small.cfg);
	CHECK(bufferevent_get_read_limit(b) == 20);
	CHECK(bufferevent_get_token_bucket_cfg(b) == small.cfg);
	bufferevent_decrement_read_limit(b, 15);
	bufferevent_set_rate_limit(b, big.cfg);
	CHECK(bufferevent_get_read_limit(b) == 5);
	bufferevent_free(b);
}

TEST_CASE("decrementing a limit that does not exist is refused", "[stream][ratelim]")
{
	Base base;
	LogCapture logs;
	bufferevent *b = bufferevent_socket_new(base.base, -1, 0);
	CHECK(bufferevent_decrement_read_limit(b, 1) == -1);
	CHECK(bufferevent_decrement_write_limit(b, 1) == -1);
	CHECK(logs.severities == std::vector<int>(2, EVENT_LOG_WARN));
	bufferevent_free(b);
}

TEST_CASE("max_single_read/write cap a transfer and 0 restores the default", "[stream][ratelim]")
{
	Base base;
	bufferevent *b = bufferevent_socket_new(base.base, -1, 0);
	CHECK(bufferevent_set_max_single_read(b, 10) == 0);
	CHECK(bufferevent_get_max_to_read(b) == 10);
	CHECK(bufferevent_set_max_single_read(b, 0) == 0);
	CHECK(bufferevent_get_max_single_read(b) == evcxx::stream::kDefaultMaxSingleIo);
	CHECK(bufferevent_set_max_single_write(b, SIZE_MAX) == 0);
	CHECK(bufferevent_get_max_single_write(b) == evcxx::stream::kDefaultMaxSingleIo);
	bufferevent_free(b);
}

TEST_CASE("group members share the group bucket, at least min_share each", "[stream][ratelim]")
{
	Base base;
	Cfg c(90, 90, 1000, 1000);
	bufferevent_rate_limit_group *g = bufferevent_rate_limit_group_new(base.base, c.cfg);
	REQUIRE(g);
	bufferevent *m[3];
	for (auto &b : m) {
		b = bufferevent_socket_new(base.base, -1, 0);
		REQUIRE(bufferevent_add_to_rate_limit_group(b, g) == 0);
	}
	CHECK(bufferevent_get_max_to_read(m[0]) == 64); // 90/3 = 30, raised to min_share 64
	bufferevent_rate_limit_group_set_min_share(g, 0);
	CHECK(bufferevent_get_max_to_read(m[0]) == 30);
	bufferevent_rate_limit_group_set_min_share(g, 1000); // clamped to the read rate
	CHECK(bufferevent_get_max_to_read(m[0]) == 90);
	bufferevent_rate_limit_group_set_min_share(g, 0);

	// An empty group bucket holds every member off.
	CHECK(bufferevent_rate_limit_group_decrement_read(g, 90) == 0);
	for (auto *b : m)
		CHECK((from(b)->read_suspended & kSuspendGroup));
	CHECK(bufferevent_get_max_to_read(m[1]) == 0);
	CHECK(bufferevent_rate_limit_group_decrement_read(g, -30) == 0);
	for (auto *b : m)
		CHECK_FALSE((from(b)->read_suspended & kSuspendGroup));

	evcxx::stream::charge_read(from(m[2]), 7);
	evcxx::stream::charge_write(from(m[1]), 5);
	ev_uint64_t r = 0, w = 0;
	bufferevent_rate_limit_group_get_totals(g, &r, &w);
	CHECK(r == 7);
	CHECK(w == 5);
	CHECK(bufferevent_rate_limit_group_get_read_limit(g) == 23);

	// Leaving the group clears its hold.
	bufferevent_rate_limit_group_decrement_read(g, 100);
	CHECK((from(m[0])->read_suspended & kSuspendGroup));
	bufferevent_remove_from_rate_limit_group(m[0]);
	CHECK(from(m[0])->read_suspended == 0);
	CHECK(bufferevent_get_max_to_read(m[0]) == evcxx::stream::kDefaultMaxSingleIo);

	// Freeing a group with members detaches them (upstream asserts).
	LogCapture logs;
	bufferevent_rate_limit_group_free(g);
	CHECK(logs.severities == std::vector<int>{EVENT_LOG_WARN});
	CHECK(from(m[1])->rate->group == nullptr);
	CHECK(from(m[1])->read_suspended == 0);
	for (auto *b : m)
		bufferevent_free(b);
}

TEST_CASE("a freed member leaves its group at once", "[stream][ratelim]")
{
	Base base;
	Cfg c(100, 100, 100, 100);
	bufferevent_rate_limit_group *g = bufferevent_rate_limit_group_new(base.base, c.cfg);
	bufferevent *a = bufferevent_socket_new(base.base, -1, 0);
	bufferevent *b = bufferevent_socket_new(base.base, -1, 0);
	bufferevent_add_to_rate_limit_group(a, g);
	bufferevent_add_to_rate_limit_group(b, g);
	bufferevent_free(a);
	CHECK(bufferevent_get_max_to_read(b) == 100);
	base.pass();
	bufferevent_free(b);
	base.pass();
	bufferevent_rate_limit_group_free(g);
}
