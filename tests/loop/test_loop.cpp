// Engine tests through the public C API, linked statically to the engine.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <event2/event.h>
#include <event2/event_struct.h>
#include <event2/thread.h>

namespace {
struct Pair {
	int fd[2];
	Pair() { REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fd) == 0); }
	~Pair()
	{
		close(fd[0]);
		close(fd[1]);
	}
};

std::vector<std::string> trace;
void record(evutil_socket_t, short what, void *arg)
{
	trace.push_back(std::string(static_cast<const char *>(arg)) + ":" + std::to_string(what));
}

event_base *base_with(const char *method)
{
	event_config *cfg = event_config_new();
	for (const char *m : {"epoll", "poll", "select"})
		if (std::string(m) != method)
			event_config_avoid_method(cfg, m);
	event_base *b = event_base_new_with_config(cfg);
	event_config_free(cfg);
	REQUIRE(b);
	REQUIRE(std::string(event_base_get_method(b)) == method);
	return b;
}

size_t allocations = 0;
void *counting_malloc(size_t n) { ++allocations; return std::malloc(n); }
void *counting_realloc(void *p, size_t n) { ++allocations; return std::realloc(p, n); }
void counting_free(void *p) { std::free(p); }
} // namespace

TEST_CASE("events on one fd run newest first, and hundreds of fds grow the table", "[loop]")
{
	for (const char *method : {"epoll", "poll", "select"}) {
		event_base *b = base_with(method);
		std::vector<Pair> pairs(300);
		std::vector<event *> evs;
		for (auto &p : pairs) {
			evs.push_back(event_new(b, p.fd[0], EV_READ, record, (void *)"x"));
			REQUIRE(event_add(evs.back(), nullptr) == 0);
		}
		Pair extra;
		event *a = event_new(b, extra.fd[0], EV_READ, record, (void *)"a");
		event *c = event_new(b, extra.fd[0], EV_READ, record, (void *)"c");
		event_add(a, nullptr);
		event_add(c, nullptr);
		REQUIRE(write(extra.fd[1], "!", 1) == 1);
		REQUIRE(write(pairs.back().fd[1], "!", 1) == 1);
		trace.clear();
		REQUIRE(event_base_loop(b, EVLOOP_ONCE) == 0);
		CHECK(trace.size() == 3);
		CHECK(std::find(trace.begin(), trace.end(), "c:2") < std::find(trace.begin(), trace.end(), "a:2"));
		for (auto *ev : evs)
			event_free(ev);
		event_free(a);
		event_free(c);
		event_base_free(b);
	}
}

TEST_CASE("re-arming an fd repeatedly between passes keeps readiness working", "[loop]")
{
	for (const char *method : {"epoll", "poll", "select"}) {
		event_base *b = base_with(method);
		Pair p;
		event *ev = event_new(b, p.fd[0], EV_READ, record, (void *)"r");
		for (int i = 0; i < 100; ++i) {
			REQUIRE(event_add(ev, nullptr) == 0);
			REQUIRE(event_del(ev) == 0);
		}
		REQUIRE(event_add(ev, nullptr) == 0);
		REQUIRE(write(p.fd[1], "!", 1) == 1);
		trace.clear();
		CHECK(event_base_loop(b, EVLOOP_ONCE) == 0);
		CHECK(trace == std::vector<std::string>{"r:2"});
		event_free(ev);
		event_base_free(b);
	}
}

TEST_CASE("an fd closed and reopened while its deletion is pending still reports", "[loop]")
{
	for (const char *method : {"epoll", "poll", "select"}) {
		event_base *b = base_with(method);
		int fds[2];
		REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
		event *ev = event_new(b, fds[0], EV_READ, record, (void *)"old");
		REQUIRE(event_add(ev, nullptr) == 0);
		REQUIRE(event_del(ev) == 0);
		close(fds[0]);
		close(fds[1]);
		int again[2];
		REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, again) == 0);
		REQUIRE(again[0] == fds[0]);
		event *fresh = event_new(b, again[0], EV_READ, record, (void *)"new");
		REQUIRE(event_add(fresh, nullptr) == 0);
		REQUIRE(write(again[1], "!", 1) == 1);
		trace.clear();
		CHECK(event_base_loop(b, EVLOOP_ONCE) == 0);
		CHECK(trace == std::vector<std::string>{"new:2"});
		event_free(fresh);
		event_free(ev);
		close(again[0]);
		close(again[1]);
		event_base_free(b);
	}
}

TEST_CASE("add/del/dispatch allocate nothing after warm-up", "[loop][alloc]")
{
	event_set_mem_functions(counting_malloc, counting_realloc, counting_free);
	event_base *b = event_base_new();
	Pair p;
	event io, timer;
	event_assign(&io, b, p.fd[0], EV_READ | EV_PERSIST, record, (void *)"io");
	event_assign(&timer, b, -1, 0, record, (void *)"t");
	const timeval soon{0, 0};
	// Warm-up: tables and queues reach their working size.
	for (int i = 0; i < 3; ++i) {
		event_add(&io, nullptr);
		event_add(&timer, &soon);
		REQUIRE(write(p.fd[1], "!", 1) == 1);
		event_base_loop(b, EVLOOP_ONCE);
		char c;
		REQUIRE(read(p.fd[0], &c, 1) == 1);
		event_del(&io);
	}
	trace.clear();
	const size_t before = allocations;
	for (int i = 0; i < 1000; ++i) {
		event_add(&io, nullptr);
		event_add(&timer, &soon);
		REQUIRE(write(p.fd[1], "!", 1) == 1);
		event_base_loop(b, EVLOOP_ONCE);
		char c;
		REQUIRE(read(p.fd[0], &c, 1) == 1);
		event_del(&io);
		event_del(&timer);
	}
	CHECK(allocations == before);
	CHECK(trace.size() >= 1000);
	event_base_free(b);
	event_set_mem_functions(nullptr, nullptr, nullptr);
}

TEST_CASE("event_reinit in a forked child keeps I/O, timers and signals working", "[loop][fork]")
{
	for (const char *method : {"epoll", "poll", "select"}) {
		event_base *b = base_with(method);
		Pair p;
		event *io = event_new(b, p.fd[0], EV_READ, record, (void *)"io");
		event *sig = evsignal_new(b, SIGUSR1, record, (void *)"sig");
		event_add(io, nullptr);
		event_add(sig, nullptr);
		const pid_t pid = fork();
		REQUIRE(pid >= 0);
		if (pid == 0) {
			trace.clear();
			int ok = event_reinit(b) == 0;
			raise(SIGUSR1);
			ok &= write(p.fd[1], "!", 1) == 1;
			event_base_loop(b, EVLOOP_ONCE);
			ok &= trace.size() == 2;
			_exit(ok ? 0 : 1);
		}
		int status = 0;
		REQUIRE(waitpid(pid, &status, 0) == pid);
		CHECK(WIFEXITED(status));
		CHECK(WEXITSTATUS(status) == 0);
		event_free(io);
		event_free(sig);
		event_base_free(b);
	}
}

namespace {
std::vector<int> severities;
void capture_severity(int severity, const char *) { severities.push_back(severity); }
} // namespace

TEST_CASE("a NULL event_base is refused with a warning, not a crash (divergence)", "[loop]")
{
	severities.clear();
	event_set_log_callback(capture_severity);
	CHECK(event_base_loop(nullptr, 0) == -1);
	CHECK(event_reinit(nullptr) == -1);
	CHECK(event_base_priority_init(nullptr, 2) == -1);
	event_set_log_callback(nullptr);
	CHECK(severities == std::vector<int>{EVENT_LOG_WARN, EVENT_LOG_WARN, EVENT_LOG_WARN});
}

TEST_CASE("a pending event moving from a common timeout to its own deadline gets a heap slot", "[loop][timer]")
{
	// Heap sizes around each growth step: the move must reserve a slot as
	// a fresh add does (ASan reports a write past the heap otherwise).
	for (int n = 0; n < 40; ++n) {
		event_base *b = event_base_new();
		REQUIRE(b);
		const timeval long_wait = {10, 0};
		const timeval *common = event_base_init_common_timeout(b, &long_wait);
		REQUIRE(common);
		std::vector<event *> idle;
		for (int i = 0; i < n; ++i) {
			idle.push_back(evtimer_new(b, record, const_cast<char *>("idle")));
			REQUIRE(evtimer_add(idle.back(), &long_wait) == 0);
		}
		event *moved = evtimer_new(b, record, const_cast<char *>("moved"));
		REQUIRE(evtimer_add(moved, common) == 0);
		const timeval soon = {0, 1000};
		REQUIRE(evtimer_add(moved, &soon) == 0);
		trace.clear();
		REQUIRE(event_base_loop(b, EVLOOP_ONCE) == 0);
		CHECK(trace == std::vector<std::string>{"moved:1"});
		for (event *ev : idle)
			event_free(ev);
		event_free(moved);
		event_base_free(b);
	}
}

namespace {
struct CachedTimes {
	event_base *base;
	timeval first, second;
};
void read_cached_twice(evutil_socket_t, short, void *arg)
{
	auto *t = static_cast<CachedTimes *>(arg);
	REQUIRE(event_base_gettimeofday_cached(t->base, &t->first) == 0);
	usleep(2000);
	REQUIRE(event_base_gettimeofday_cached(t->base, &t->second) == 0);
}
} // namespace

TEST_CASE("the cached time is one reading for the whole pass; NO_CACHE_TIME reads afresh", "[loop][time]")
{
	for (bool no_cache : {false, true}) {
		event_config *cfg = event_config_new();
		if (no_cache)
			event_config_set_flag(cfg, EVENT_BASE_FLAG_NO_CACHE_TIME);
		event_base *b = event_base_new_with_config(cfg);
		event_config_free(cfg);
		REQUIRE(b);
		CachedTimes t{b, {}, {}};
		REQUIRE(event_base_once(b, -1, EV_TIMEOUT, read_cached_twice, &t, nullptr) == 0);
		REQUIRE(event_base_loop(b, EVLOOP_ONCE) == 0);
		if (no_cache)
			CHECK(timercmp(&t.second, &t.first, >));
		else
			CHECK(!timercmp(&t.second, &t.first, !=));
		event_base_free(b);
	}
}
