// Every test runs against every backend: epoll (with epoll_pwait2 when the
// kernel has it, and forced onto the millisecond epoll_wait fallback), poll
// and select. Only "never early" timing facts are asserted.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "backends/backend.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace {

namespace be = evcxx::backend;
namespace log = evcxx::log;

constexpr int kFeatureEt = 0x01;
constexpr int kFeatureEarlyClose = 0x08;
constexpr const char *kNoPwait2 = "EVCXX_NO_EPOLL_PWAIT2";

struct EpollPwait2 {
	static be::Backend *create()
	{
		unsetenv(kNoPwait2);
		return be::create_epoll();
	}
	static constexpr const char *name = "epoll";
	static constexpr int features = 0x01 | 0x02 | 0x08;
};

struct EpollWaitMs {
	static be::Backend *create()
	{
		setenv(kNoPwait2, "1", 1);
		be::Backend *backend = be::create_epoll();
		unsetenv(kNoPwait2);
		return backend;
	}
	static constexpr const char *name = "epoll";
	static constexpr int features = 0x01 | 0x02 | 0x08;
};

struct Poll {
	static be::Backend *create() { return be::create_poll(); }
	static constexpr const char *name = "poll";
	static constexpr int features = 0x04 | 0x08;
};

struct Select {
	static be::Backend *create() { return be::create_select(); }
	static constexpr const char *name = "select";
	static constexpr int features = 0x04;
};

// The engine is built without RTTI, so UBSan's vptr check (which reads the
// dynamic type's typeinfo) cannot vet calls into it: these forwarders are
// the only place such calls are made, and the check is off for them alone.
#define ENGINE_CALL __attribute__((no_sanitize("vptr")))

class TestedBackend {
public:
	explicit TestedBackend(be::Backend *backend) : backend_(backend) {}
	TestedBackend(const TestedBackend &) = delete;
	TestedBackend &operator=(const TestedBackend &) = delete;
	~TestedBackend() { destroy(); }

	ENGINE_CALL std::string name() const { return backend_->name(); }
	ENGINE_CALL int features() const { return backend_->features(); }
	ENGINE_CALL int update(int fd, short old_events, short new_events)
	{
		return backend_->update(fd, old_events, new_events);
	}
	ENGINE_CALL int wait(const timespec *timeout, const be::ReadySink &sink)
	{
		return backend_->wait(timeout, sink);
	}
	ENGINE_CALL int reinit() { return backend_->reinit(); }
	ENGINE_CALL void destroy()
	{
		if (backend_)
			backend_->destroy();
		backend_ = nullptr;
	}

private:
	be::Backend *backend_;
};

template <class Factory>
TestedBackend open_backend()
{
	be::Backend *backend = Factory::create();
	REQUIRE(backend);
	return TestedBackend(backend);
}

// What one wait() reported, fd by fd.
struct Reports {
	std::map<int, short> by_fd;
	int repeats = 0; // an fd reported more than once in one wait

	static void on_ready(void *ctx, int fd, short what)
	{
		auto *self = static_cast<Reports *>(ctx);
		if (self->by_fd.count(fd))
			++self->repeats;
		self->by_fd[fd] |= what;
	}
	short of(int fd) const
	{
		auto it = by_fd.find(fd);
		return it == by_fd.end() ? 0 : it->second;
	}
};

const timespec kNoWait{0, 0};

Reports wait_for(TestedBackend &backend, const timespec *timeout = &kNoWait)
{
	Reports reports;
	const be::ReadySink sink{&reports, &Reports::on_ready};
	REQUIRE(backend.wait(timeout, sink) == 0);
	CHECK(reports.repeats == 0);
	return reports;
}

struct SocketPair {
	int near = -1; // the end registered with the backend
	int far = -1;  // the end the test writes to / closes
	SocketPair()
	{
		int fds[2];
		REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
		near = fds[0];
		far = fds[1];
	}
	SocketPair(const SocketPair &) = delete;
	SocketPair &operator=(const SocketPair &) = delete;
	~SocketPair() { close_both(); }
	void close_both()
	{
		if (near >= 0)
			close(near);
		if (far >= 0)
			close(far);
		near = far = -1;
	}
	void send_byte() const { REQUIRE(write(far, "x", 1) == 1); }
	void drain() const
	{
		char buf[256];
		while (read(near, buf, sizeof buf) > 0) {
		}
	}
	// Put the near end at fd number `fd`, as a reopened fd would land.
	void move_near_to(int fd)
	{
		if (near == fd)
			return;
		REQUIRE(dup3(near, fd, O_CLOEXEC) == fd);
		close(near);
		near = fd;
	}
};

// Log capture for the duration of a scope.
std::vector<std::pair<int, std::string>> logged;
void capture(int severity, const char *msg) { logged.emplace_back(severity, msg); }
struct LogCapture {
	LogCapture()
	{
		logged.clear();
		log::set_callback(capture);
	}
	~LogCapture() { log::set_callback(nullptr); }
	int warnings() const
	{
		int n = 0;
		for (auto &entry : logged)
			n += entry.first == log::Warn;
		return n;
	}
};

double seconds_now()
{
	timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

int closed_fd_number()
{
	const int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	REQUIRE(fd >= 0);
	close(fd);
	return fd;
}

} // namespace

#define BACKEND_TEST(title) TEMPLATE_TEST_CASE(title, "[backend]", EpollPwait2, EpollWaitMs, Poll, Select)

BACKEND_TEST("backends report upstream's method name and features")
{
	auto backend = open_backend<TestType>();
	CHECK(backend.name() == TestType::name);
	CHECK(backend.features() == TestType::features);
}

BACKEND_TEST("read readiness is reported once data arrives")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
	CHECK(wait_for(backend).of(pair.near) == 0);
	pair.send_byte();
	CHECK(wait_for(backend).of(pair.near) == be::kRead);
	// Level-triggered: still readable until drained.
	CHECK(wait_for(backend).of(pair.near) == be::kRead);
	pair.drain();
	CHECK(wait_for(backend).of(pair.near) == 0);
}

BACKEND_TEST("write readiness is reported for a writable socket")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kWrite) == 0);
	CHECK(wait_for(backend).of(pair.near) == be::kWrite);
}

BACKEND_TEST("read and write readiness come in one report")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead | be::kWrite) == 0);
	CHECK(wait_for(backend).of(pair.near) == be::kWrite);
	pair.send_byte();
	const Reports reports = wait_for(backend);
	CHECK(reports.of(pair.near) == (be::kRead | be::kWrite));
	CHECK(reports.by_fd.size() == 1);
}

BACKEND_TEST("removing interest stops reports")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead | be::kWrite) == 0);
	pair.send_byte();
	REQUIRE(wait_for(backend).of(pair.near) == (be::kRead | be::kWrite));
	REQUIRE(backend.update(pair.near, be::kRead | be::kWrite, 0) == 0);
	CHECK(wait_for(backend).by_fd.empty());
	// Removing again, or something never added, is harmless.
	CHECK(backend.update(pair.near, 0, 0) == 0);
}

BACKEND_TEST("changing interest changes what is reported")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
	CHECK(wait_for(backend).of(pair.near) == 0);
	REQUIRE(backend.update(pair.near, be::kRead, be::kWrite) == 0);
	CHECK(wait_for(backend).of(pair.near) == be::kWrite);
	REQUIRE(backend.update(pair.near, be::kWrite, be::kRead) == 0);
	CHECK(wait_for(backend).of(pair.near) == 0);
	pair.send_byte();
	CHECK(wait_for(backend).of(pair.near) == be::kRead);
}

BACKEND_TEST("a wrong idea of the old interest is recovered from")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	LogCapture log_capture;
	SECTION("adding what is already registered")
	{
		REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
		REQUIRE(backend.update(pair.near, 0, be::kWrite) == 0);
	}
	SECTION("changing what was never registered")
	{
		REQUIRE(backend.update(pair.near, be::kRead, be::kWrite) == 0);
	}
	CHECK(log_capture.warnings() == 0);
	pair.send_byte();
	CHECK(wait_for(backend).of(pair.near) == be::kWrite);
}

BACKEND_TEST("removing one fd keeps the others reported")
{
	auto backend = open_backend<TestType>();
	SocketPair first, middle, last;
	for (SocketPair *pair : {&first, &middle, &last}) {
		REQUIRE(backend.update(pair->near, 0, be::kRead) == 0);
		pair->send_byte();
	}
	REQUIRE(backend.update(middle.near, be::kRead, 0) == 0);
	const Reports reports = wait_for(backend);
	CHECK(reports.of(first.near) == be::kRead);
	CHECK(reports.of(middle.near) == 0);
	CHECK(reports.of(last.near) == be::kRead);
	REQUIRE(backend.update(first.near, be::kRead, 0) == 0);
	const Reports after = wait_for(backend);
	CHECK(after.by_fd.size() == 1);
	CHECK(after.of(last.near) == be::kRead);
}

BACKEND_TEST("edge-triggered interest reports once per new data")
{
	auto backend = open_backend<TestType>();
	if (!(backend.features() & kFeatureEt))
		return; // level-triggered only, as upstream
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead | be::kEdge) == 0);
	CHECK(wait_for(backend).of(pair.near) == 0);
	pair.send_byte();
	CHECK(wait_for(backend).of(pair.near) == be::kRead);
	CHECK(wait_for(backend).of(pair.near) == 0); // unread data, but no new edge
	pair.send_byte();
	CHECK(wait_for(backend).of(pair.near) == be::kRead);
}

BACKEND_TEST("peer shutdown reports EV_CLOSED where supported")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	const bool early_close = backend.features() & kFeatureEarlyClose;
	SECTION("closed interest alone")
	{
		REQUIRE(backend.update(pair.near, 0, be::kClosed) == 0);
		CHECK(wait_for(backend).of(pair.near) == 0);
		REQUIRE(shutdown(pair.far, SHUT_WR) == 0);
		CHECK(wait_for(backend).of(pair.near) == (early_close ? be::kClosed : 0));
	}
	SECTION("closed with read interest")
	{
		REQUIRE(backend.update(pair.near, 0, be::kRead | be::kClosed) == 0);
		REQUIRE(shutdown(pair.far, SHUT_WR) == 0);
		const short expected = early_close ? (be::kRead | be::kClosed) : be::kRead;
		CHECK(wait_for(backend).of(pair.near) == expected);
	}
	SECTION("full hangup reports read and write")
	{
		REQUIRE(backend.update(pair.near, 0, be::kRead | be::kWrite) == 0);
		close(pair.far);
		pair.far = -1;
		CHECK(wait_for(backend).of(pair.near) == (be::kRead | be::kWrite));
	}
}

BACKEND_TEST("regular files: epoll refuses with a warning, poll and select report ready")
{
	auto backend = open_backend<TestType>();
	FILE *file = tmpfile();
	REQUIRE(file);
	const int fd = fileno(file);
	LogCapture log_capture;
	const int rc = backend.update(fd, 0, be::kRead);
	const int error = errno;
	if (backend.name() == "epoll") {
		CHECK(rc == -1);
		CHECK(error == EPERM);
		REQUIRE(log_capture.warnings() == 1);
		CHECK(logged[0].second.rfind("Epoll ADD", 0) == 0);
		CHECK(wait_for(backend).by_fd.empty());
	} else {
		CHECK(rc == 0);
		CHECK(log_capture.warnings() == 0);
		CHECK(wait_for(backend).of(fd) == be::kRead);
		CHECK(backend.update(fd, be::kRead, 0) == 0);
	}
	fclose(file);
}

BACKEND_TEST("registering a closed fd fails on epoll with a warning")
{
	auto backend = open_backend<TestType>();
	if (backend.name() != "epoll")
		return; // poll and select learn of it only when waiting, as upstream
	const int fd = closed_fd_number();
	LogCapture log_capture;
	const int rc = backend.update(fd, 0, be::kRead);
	const int error = errno;
	CHECK(rc == -1);
	CHECK(error == EBADF);
	CHECK(log_capture.warnings() == 1);
}

BACKEND_TEST("removing an fd that was already closed is not an error")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
	const int fd = pair.near;
	pair.close_both();
	LogCapture log_capture;
	CHECK(backend.update(fd, be::kRead, 0) == 0);
	CHECK(log_capture.warnings() == 0);
	CHECK(wait_for(backend).by_fd.empty());
}

BACKEND_TEST("a closed and reopened fd keeps being reported")
{
	auto backend = open_backend<TestType>();
	auto old_pair = std::make_unique<SocketPair>();
	const int fd = old_pair->near;
	REQUIRE(backend.update(fd, 0, be::kRead) == 0);
	old_pair.reset(); // closed behind the backend's back
	SocketPair pair;
	pair.move_near_to(fd);
	LogCapture log_capture;
	SECTION("re-asserted with the same interest")
	{
		REQUIRE(backend.update(fd, be::kRead, be::kRead) == 0);
	}
	SECTION("re-asserted with more interest")
	{
		REQUIRE(backend.update(fd, be::kRead, be::kRead | be::kClosed) == 0);
	}
	CHECK(log_capture.warnings() == 0);
	CHECK(wait_for(backend).of(fd) == 0);
	pair.send_byte();
	CHECK(wait_for(backend).of(fd) == be::kRead);
}

BACKEND_TEST("a registration left behind by a dup() neither reports nor spins")
{
	auto backend = open_backend<TestType>();
	auto old_pair = std::make_unique<SocketPair>();
	const int fd = old_pair->near;
	REQUIRE(backend.update(fd, 0, be::kRead) == 0);
	old_pair->send_byte(); // the old file stays readable for good
	const int duplicate = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	REQUIRE(duplicate >= 0);
	close(fd); // epoll keeps the registration: the file lives on as `duplicate`
	old_pair->near = -1;
	SocketPair pair;
	LogCapture log_capture;
	bool registered = true;
	SECTION("removed after close, new socket registered")
	{
		REQUIRE(backend.update(fd, be::kRead, 0) == 0);
		pair.move_near_to(fd);
		REQUIRE(backend.update(fd, 0, be::kRead) == 0);
	}
	SECTION("new socket re-asserted in place")
	{
		pair.move_near_to(fd);
		REQUIRE(backend.update(fd, be::kRead, be::kRead) == 0);
	}
	SECTION("removed after close, nothing registered again")
	{
		REQUIRE(backend.update(fd, be::kRead, 0) == 0);
		pair.move_near_to(fd);
		registered = false;
	}
	CHECK(log_capture.warnings() == 0);
	CHECK(wait_for(backend).of(fd) == 0);
	// A lingering level-triggered registration would end this wait at once.
	const timespec idle{0, 30 * 1000 * 1000};
	const double start = seconds_now();
	CHECK(wait_for(backend, &idle).by_fd.empty());
	CHECK(seconds_now() - start >= 0.030);
	pair.send_byte();
	CHECK(wait_for(backend).of(fd) == (registered ? be::kRead : 0));
	close(duplicate);
}

BACKEND_TEST("other registrations survive the rebuild a stale event causes")
{
	auto backend = open_backend<TestType>();
	SocketPair bystander;
	REQUIRE(backend.update(bystander.near, 0, be::kRead) == 0);
	auto old_pair = std::make_unique<SocketPair>();
	const int fd = old_pair->near;
	REQUIRE(backend.update(fd, 0, be::kRead) == 0);
	old_pair->send_byte();
	const int duplicate = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	REQUIRE(duplicate >= 0);
	close(fd);
	old_pair->near = -1;
	SocketPair pair;
	pair.move_near_to(fd);
	REQUIRE(backend.update(fd, be::kRead, be::kRead) == 0);
	CHECK(wait_for(backend).by_fd.empty()); // sees the stale event
	CHECK(wait_for(backend).by_fd.empty()); // runs on the rebuilt set
	pair.send_byte();
	bystander.send_byte();
	const Reports reports = wait_for(backend);
	CHECK(reports.of(fd) == be::kRead);
	CHECK(reports.of(bystander.near) == be::kRead);
	CHECK(reports.by_fd.size() == 2);
	close(duplicate);
}

BACKEND_TEST("fds beyond FD_SETSIZE work")
{
	rlimit saved{};
	REQUIRE(getrlimit(RLIMIT_NOFILE, &saved) == 0);
	constexpr int kHighFd = 2000;
	if (saved.rlim_cur <= rlim_t(kHighFd)) {
		rlimit raised = saved;
		raised.rlim_cur = kHighFd + 64;
		if (saved.rlim_max < raised.rlim_cur || setrlimit(RLIMIT_NOFILE, &raised) != 0) {
			WARN("cannot raise RLIMIT_NOFILE to " << raised.rlim_cur << "; skipped");
			return;
		}
	}
	{
		auto backend = open_backend<TestType>();
		SocketPair low, high;
		REQUIRE(fcntl(kHighFd, F_GETFD) == -1); // free
		high.move_near_to(kHighFd);
		REQUIRE(backend.update(low.near, 0, be::kRead) == 0);
		REQUIRE(backend.update(kHighFd, 0, be::kRead) == 0);
		CHECK(wait_for(backend).by_fd.empty());
		high.send_byte();
		Reports reports = wait_for(backend);
		CHECK(reports.of(kHighFd) == be::kRead);
		CHECK(reports.by_fd.size() == 1);
		low.send_byte();
		REQUIRE(backend.update(kHighFd, be::kRead, 0) == 0);
		reports = wait_for(backend);
		CHECK(reports.of(low.near) == be::kRead);
		CHECK(reports.by_fd.size() == 1);
	}
	setrlimit(RLIMIT_NOFILE, &saved);
}

BACKEND_TEST("timeouts never expire early")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
	SECTION("20 ms")
	{
		const timespec timeout{0, 20 * 1000 * 1000};
		const double start = seconds_now();
		CHECK(wait_for(backend, &timeout).by_fd.empty());
		CHECK(seconds_now() - start >= 0.020);
	}
	SECTION("1.5 ms, which whole milliseconds must round up")
	{
		const timespec timeout{0, 1500 * 1000};
		for (int i = 0; i < 5; ++i) {
			const double start = seconds_now();
			CHECK(wait_for(backend, &timeout).by_fd.empty());
			CHECK(seconds_now() - start >= 0.0015);
		}
	}
	SECTION("a few microseconds")
	{
		const timespec timeout{0, 3000};
		const double start = seconds_now();
		CHECK(wait_for(backend, &timeout).by_fd.empty());
		CHECK(seconds_now() - start >= 0.000003);
	}
}

BACKEND_TEST("a wait without a timeout returns on readiness")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kWrite) == 0);
	CHECK(wait_for(backend, nullptr).of(pair.near) == be::kWrite);
}

namespace {
void ignore_signal(int) {}
} // namespace

BACKEND_TEST("a wait interrupted by a signal returns 0")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
	struct sigaction action{}, saved{};
	action.sa_handler = ignore_signal; // no SA_RESTART
	sigemptyset(&action.sa_mask);
	REQUIRE(sigaction(SIGALRM, &action, &saved) == 0);
	itimerval alarm_in{};
	alarm_in.it_value.tv_usec = 50 * 1000;
	REQUIRE(setitimer(ITIMER_REAL, &alarm_in, nullptr) == 0);
	const timespec timeout{5, 0};
	CHECK(wait_for(backend, &timeout).by_fd.empty());
	const itimerval off{};
	setitimer(ITIMER_REAL, &off, nullptr);
	sigaction(SIGALRM, &saved, nullptr);
}

BACKEND_TEST("many ready fds are each reported once per wait")
{
	auto backend = open_backend<TestType>();
	constexpr int kPairs = 100;
	std::vector<std::unique_ptr<SocketPair>> pairs;
	for (int i = 0; i < kPairs; ++i) {
		pairs.push_back(std::make_unique<SocketPair>());
		REQUIRE(backend.update(pairs.back()->near, 0, be::kWrite) == 0);
	}
	// Epoll starts with a small batch and grows it when a wait fills it.
	bool all_in_one_wait = false;
	for (int i = 0; i < 6 && !all_in_one_wait; ++i) {
		const Reports reports = wait_for(backend);
		for (auto &[fd, what] : reports.by_fd)
			CHECK(what == be::kWrite);
		all_in_one_wait = reports.by_fd.size() == size_t(kPairs);
	}
	CHECK(all_in_one_wait);
}

namespace {
int allocations = 0;
int releases = 0;
void *counting_malloc(size_t n)
{
	++allocations;
	return std::malloc(n);
}
void *counting_realloc(void *p, size_t n)
{
	if (!p)
		++allocations;
	return std::realloc(p, n);
}
void counting_free(void *p)
{
	if (p)
		++releases;
	std::free(p);
}
} // namespace

BACKEND_TEST("memory goes through the allocator hooks and waits allocate nothing")
{
	allocations = releases = 0;
	evcxx::mm::set_functions(counting_malloc, counting_realloc, counting_free);
	{
		auto backend = open_backend<TestType>();
		SocketPair pair;
		REQUIRE(backend.update(pair.near, 0, be::kRead | be::kWrite) == 0);
		CHECK(allocations > 0);
		const int before_waits = allocations;
		pair.send_byte();
		for (int i = 0; i < 5; ++i)
			CHECK(wait_for(backend).of(pair.near) == (be::kRead | be::kWrite));
		CHECK(allocations == before_waits);
	}
	evcxx::mm::set_functions(nullptr, nullptr, nullptr);
	CHECK(releases == allocations);
}

BACKEND_TEST("reinit forgets registrations until the loop re-adds them")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
	pair.send_byte();
	REQUIRE(wait_for(backend).of(pair.near) == be::kRead);
	REQUIRE(backend.reinit() == 0);
	CHECK(wait_for(backend).by_fd.empty());
	REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
	CHECK(wait_for(backend).of(pair.near) == be::kRead);
}

namespace {
// The checks a forked child runs; Catch2 must not run in the child.
int child_after_fork(TestedBackend &backend, const SocketPair &pair)
{
	if (backend.reinit() != 0)
		return 10;
	if (backend.update(pair.near, 0, be::kRead) != 0)
		return 11;
	if (write(pair.far, "c", 1) != 1)
		return 12;
	Reports reports;
	const be::ReadySink sink{&reports, &Reports::on_ready};
	const timespec no_wait{0, 0};
	if (backend.wait(&no_wait, sink) != 0)
		return 13;
	if (reports.by_fd.size() != 1 || reports.of(pair.near) != be::kRead)
		return 14;
	pair.drain();
	backend.destroy();
	return 0;
}
} // namespace

BACKEND_TEST("a forked child reinits and keeps getting readiness")
{
	auto backend = open_backend<TestType>();
	SocketPair pair;
	REQUIRE(backend.update(pair.near, 0, be::kRead) == 0);
	std::fflush(nullptr); // the child must not repeat buffered test output
	const pid_t child = fork();
	REQUIRE(child >= 0);
	if (child == 0)
		_exit(child_after_fork(backend, pair));
	int status = 0;
	REQUIRE(waitpid(child, &status, 0) == child);
	REQUIRE(WIFEXITED(status));
	CHECK(WEXITSTATUS(status) == 0);
	// The child's reinit left the parent's registrations alone.
	CHECK(wait_for(backend).by_fd.empty());
	pair.send_byte();
	CHECK(wait_for(backend).of(pair.near) == be::kRead);
}
