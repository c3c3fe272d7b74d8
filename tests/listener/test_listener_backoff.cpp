// A failing accept() pauses the listener instead of spinning (libevent
// 2.1.12 retries on every loop pass; see docs/divergences.md).
#include <catch2/catch.hpp>

#include <event2/event.h>
#include <event2/listener.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "core/listener/listener.hpp"
#include "tests/listener/listener_fixture.hpp"

using namespace listener_test;

namespace {

constexpr int kPasses = 200;
constexpr long kBackoffMillis = 100; // core/listener/accept.cpp

long now_millis()
{
	timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

// Upper bound on accept() attempts while paused between retries: one
// at the start, one per elapsed backoff period, and one for rounding.
int allowed_attempts(long started)
{
	return 2 + static_cast<int>((now_millis() - started) / kBackoffMillis);
}

int warnings;
void count_warnings(int severity, const char *)
{
	if (severity == EVENT_LOG_WARN)
		++warnings;
}

} // namespace

TEST_CASE("accept errors reach the error callback with errno, then reading pauses", "[listener]")
{
	event_base *base = event_base_new();
	Recorder rec;
	evconnlistener *lev =
	    evconnlistener_new(base, record, &rec, LEV_OPT_CLOSE_ON_FREE, 0, bound_socket());
	REQUIRE(lev); // never listening: accept() fails with EINVAL
	evconnlistener_set_error_cb(lev, record_error);
	const long started = now_millis();
	CHECK(event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK) == 0);
	CHECK(rec.errors == 1);
	CHECK(rec.last_error == EINVAL);
	CHECK_FALSE(event_pending(&lev->reader, EV_READ, nullptr));
	CHECK(event_pending(&lev->backoff, EV_TIMEOUT, nullptr));
	for (int i = 0; i < kPasses; ++i)
		event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK);
	CHECK(rec.errors <= allowed_attempts(started));

	SECTION("the backoff timer retries")
	{
		const int before = rec.errors;
		CHECK(event_base_loop(base, EVLOOP_ONCE) == 0); // waits for the timer
		CHECK(event_base_loop(base, EVLOOP_ONCE) == 0); // the retried accept
		CHECK(rec.errors == before + 1);
	}
	SECTION("disabling from the error callback stops retrying")
	{
		rec.disable_in_errorcb = true;
		const int before = rec.errors;
		for (int i = 0; i < 3 && rec.errors == before; ++i)
			CHECK(event_base_loop(base, EVLOOP_ONCE) == 0);
		CHECK(rec.errors == before + 1);
		CHECK(event_base_dispatch(base) == 1); // nothing registered any more
	}
	SECTION("enabling again ends the pause at once")
	{
		CHECK(evconnlistener_enable(lev) == 0);
		CHECK_FALSE(event_pending(&lev->backoff, EV_TIMEOUT, nullptr));
		const int before = rec.errors;
		CHECK(event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK) == 0);
		CHECK(rec.errors == before + 1);
	}
	evconnlistener_free(lev);
	event_base_free(base);
}

TEST_CASE("without an error callback a run of accept failures logs one warning", "[listener]")
{
	warnings = 0;
	event_set_log_callback(count_warnings);
	event_base *base = event_base_new();
	Recorder rec;
	evconnlistener *lev =
	    evconnlistener_new(base, record, &rec, LEV_OPT_CLOSE_ON_FREE, 0, bound_socket());
	REQUIRE(lev);
	for (int i = 0; i < 3; ++i)
		CHECK(event_base_loop(base, EVLOOP_ONCE) == 0); // fail, wait, fail again
	CHECK(warnings == 1);
	evconnlistener_free(lev);
	event_base_free(base);
	event_set_log_callback(nullptr);
}

namespace {

// Exit codes of the forked child below.
enum ChildResult { kOk = 0, kSetupFailed, kNoError, kWrongErrno, kSpun, kNotRecovered };

int exhaust_descriptors_then_recover()
{
	event_base *base = event_base_new();
	Recorder rec;
	const sockaddr_in sin = loopback();
	evconnlistener *lev = evconnlistener_new_bind(base, record, &rec, LEV_OPT_CLOSE_ON_FREE, -1,
	                                              reinterpret_cast<const sockaddr *>(&sin), sizeof sin);
	if (!lev)
		return kSetupFailed;
	evconnlistener_set_error_cb(lev, record_error);
	const sockaddr_in at = local_address(evconnlistener_get_fd(lev));
	const int client = socket(AF_INET, SOCK_STREAM, 0);
	if (client < 0 || connect(client, reinterpret_cast<const sockaddr *>(&at), sizeof at) != 0)
		return kSetupFailed;

	// Use up every descriptor a low limit allows (the soft limit only:
	// valgrind refuses changes to the hard one).
	rlimit low;
	if (getrlimit(RLIMIT_NOFILE, &low) != 0)
		return kSetupFailed;
	low.rlim_cur = 64;
	if (setrlimit(RLIMIT_NOFILE, &low) != 0)
		return kSetupFailed;
	std::vector<int> filler;
	filler.reserve(64);
	for (int fd; (fd = dup(client)) >= 0;)
		filler.push_back(fd);
	if (errno != EMFILE || filler.empty())
		return kSetupFailed;

	const long started = now_millis();
	for (int i = 0; i < kPasses; ++i)
		event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK);
	if (rec.errors == 0)
		return kNoError;
	if (rec.last_error != EMFILE)
		return kWrongErrno;
	if (rec.errors > allowed_attempts(started))
		return kSpun;

	// Free descriptors for a second client and for accepting: a retry
	// accepts. (Valgrind emulates the limit by closing what accept()
	// returned, so the first client may be gone; the second one is not.)
	close(filler.back());
	filler.pop_back();
	close(filler.back());
	const int second = socket(AF_INET, SOCK_STREAM, 0);
	if (second < 0 || connect(second, reinterpret_cast<const sockaddr *>(&at), sizeof at) != 0)
		return kSetupFailed;
	const timeval limit = {10, 0};
	event_base_loopexit(base, &limit);
	while (rec.accepted.empty() && !event_base_got_exit(base))
		event_base_loop(base, EVLOOP_ONCE);
	if (rec.accepted.empty())
		return kNotRecovered;
	evconnlistener_free(lev);
	event_base_free(base);
	return kOk;
}

} // namespace

TEST_CASE("EMFILE: the listener retries after a pause, without spinning, and recovers", "[listener]")
{
	const pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0)
		_exit(exhaust_descriptors_then_recover());
	int status = 0;
	REQUIRE(waitpid(pid, &status, 0) == pid);
	REQUIRE(WIFEXITED(status));
	CHECK(WEXITSTATUS(status) == kOk);
}
