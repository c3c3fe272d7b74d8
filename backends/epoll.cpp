// epoll(7) backend.
//
// Kernel quirks handled here:
// - A registration belongs to the open file, not to the fd number. close()
//   drops it only when no dup() of the file survives; otherwise it lingers
//   and keeps reporting under the old number, and it can no longer be named
//   to EPOLL_CTL_DEL. Every ADD stamps a per-fd generation into the event
//   data; an event carrying an outdated stamp is dropped, and the interest
//   set is rebuilt on a fresh epoll fd before the next wait, so a lingering
//   level-triggered registration cannot keep the loop spinning.
// - Since close() silently unregisters, MOD after a close-and-reopen fails
//   with ENOENT (retried as ADD), ADD of a registration we thought gone fails
//   with EEXIST (retried as MOD), and DEL of a closed fd fails with EBADF,
//   ENOENT or EPERM (nothing left to remove, so not an error).
// - Regular files and directories cannot be watched: ADD fails with EPERM.
// - epoll_wait() counts whole milliseconds; epoll_pwait2() (Linux 5.11)
//   takes a timespec, but older kernels and valgrind answer ENOSYS and some
//   seccomp profiles EPERM. The first such answer switches to epoll_wait()
//   for good, with the timeout rounded up so timers never fire early.
//   EVCXX_NO_EPOLL_PWAIT2 (set, non-empty) at creation forces that fallback.
// - EPOLLERR and EPOLLHUP arrive even when not asked for; both directions
//   will fail at once, so both are reported.
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdlib>

#include "backends/backend.hpp"
#include "backends/fd_indexed.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441 // same number on every architecture's unified table
#endif

namespace evcxx::backend {
namespace {

constexpr short kInterest = kRead | kWrite | kClosed;
constexpr int kFirstEventCapacity = 32;
constexpr int kMaxEventCapacity = 4096;

// The kernel's epoll_pwait2 reads a 64-bit seconds/nanoseconds pair.
constexpr bool kTimespecIsKernels = sizeof(timespec) == 16 && sizeof(time_t) == 8;

// What this backend has installed in the kernel for one fd number: 4 bytes
// per fd. The stamp wraps after 2^24 ADDs of one fd number; a lingering
// registration is caught at its first report, long before that.
struct Registration {
	uint32_t generation : 24; // stamp of the latest ADD, carried in event data
	uint32_t events : 8;      // interest installed (kEdge included); 0: none
};
static_assert(sizeof(Registration) == 4 && (kInterest | kEdge) <= 0xff);
constexpr uint32_t kGenerationMask = 0xffffff;

uint64_t event_key(int fd, uint32_t generation)
{
	return uint64_t(uint32_t(fd)) | (uint64_t(generation) << 32);
}

uint32_t epoll_mask(short events)
{
	uint32_t mask = 0;
	if (events & kRead)
		mask |= EPOLLIN;
	if (events & kWrite)
		mask |= EPOLLOUT;
	if (events & kClosed)
		mask |= EPOLLRDHUP;
	if (events & kEdge)
		mask |= EPOLLET;
	return mask;
}

// Branch-free: EPOLLIN is 0x001, EPOLLOUT 0x004 (kWrite's value),
// EPOLLRDHUP 0x2000; an error or hangup wakes both readers and writers.
short readiness(uint32_t revents)
{
	static_assert(EPOLLIN << 1 == kRead && EPOLLOUT == kWrite && EPOLLRDHUP >> 6 == kClosed);
	const uint32_t what = ((revents & EPOLLIN) << 1) | (revents & EPOLLOUT) | ((revents & EPOLLRDHUP) >> 6) |
	                      ((revents & (EPOLLERR | EPOLLHUP)) ? uint32_t(kRead | kWrite) : 0u);
	return static_cast<short>(what);
}

// epoll_wait() argument: -1 for no limit, else milliseconds rounded up.
int timeout_ms_rounded_up(const timespec *timeout)
{
	if (!timeout)
		return -1;
	if (timeout->tv_sec < 0)
		return 0;
	if (timeout->tv_sec >= INT_MAX / 1000)
		return INT_MAX; // the loop re-checks its timers after an early return
	const long long ms = timeout->tv_sec * 1000LL + (timeout->tv_nsec + 999999) / 1000000;
	return ms > INT_MAX ? INT_MAX : int(ms);
}

const char *op_name(int op)
{
	switch (op) {
	case EPOLL_CTL_ADD: return "ADD";
	case EPOLL_CTL_MOD: return "MOD";
	default: return "DEL";
	}
}

class EpollBackend final : public Backend {
public:
	~EpollBackend()
	{
		if (epfd_ >= 0)
			close(epfd_);
		mm::release(events_);
	}

	bool open()
	{
		epfd_ = epoll_create1(EPOLL_CLOEXEC);
		if (epfd_ < 0) {
			log::warn("epoll_create1");
			return false;
		}
		events_ = static_cast<epoll_event *>(mm::alloc(kFirstEventCapacity * sizeof(epoll_event)));
		if (!events_) {
			log::warn("epoll: cannot allocate the event array");
			return false;
		}
		event_capacity_ = kFirstEventCapacity;
		const char *no_pwait2 = secure_getenv("EVCXX_NO_EPOLL_PWAIT2");
		precise_wait_ = kTimespecIsKernels && !(no_pwait2 && *no_pwait2);
		return true;
	}

	const char *name() const override { return "epoll"; }
	int features() const override { return 0x01 | 0x02 | 0x08; } // ET | O1 | EARLY_CLOSE

	int update(int fd, short old_events, short new_events) override
	{
		if (fd < 0) {
			errno = EBADF;
			log::warnx("epoll: refusing negative fd %d", fd);
			return -1;
		}
		new_events &= kInterest | kEdge;
		if (!(new_events & kInterest))
			return (old_events & kInterest) ? remove(fd) : 0;
		if (!registrations_.cover(fd, Registration{0, 0})) {
			log::warn("epoll: cannot track fd %d", fd);
			return -1;
		}
		return (old_events & kInterest) ? modify(fd, new_events) : add(fd, new_events);
	}

	int wait(const timespec *timeout, const ReadySink &sink) override
	{
		if (rebuild_pending_)
			rebuild();
		const int n = collect(timeout);
		if (n < 0) {
			if (errno == EINTR)
				return 0;
			log::warn("epoll_wait");
			return -1;
		}
		for (int i = 0; i < n; ++i) {
			const uint64_t key = events_[i].data.u64;
			const int fd = int(uint32_t(key));
			// The key's fd was registered, so the table covers it (it never shrinks).
			const Registration &reg = registrations_[fd];
			if (!reg.events || reg.generation != uint32_t(key >> 32)) {
				rebuild_pending_ = true;
				continue;
			}
			const short what = readiness(events_[i].events) & reg.events & kInterest;
			if (what)
				sink.ready(sink.ctx, fd, what);
		}
		if (n == event_capacity_ && event_capacity_ < kMaxEventCapacity)
			grow_events();
		return 0;
	}

	int reinit() override
	{
		const int fresh = epoll_create1(EPOLL_CLOEXEC);
		if (fresh < 0) {
			log::warn("epoll_create1");
			return -1;
		}
		// The old epoll file is shared with the parent: close it, never edit it.
		close(epfd_);
		epfd_ = fresh;
		for (size_t fd = 0; fd < registrations_.capacity(); ++fd)
			registrations_[int(fd)].events = 0;
		rebuild_pending_ = false;
		return 0;
	}

	void destroy() override { mm::destroy(this); }

private:
	int ctl(int op, int fd, short events, uint32_t generation)
	{
		epoll_event ev{};
		ev.events = epoll_mask(events);
		ev.data.u64 = event_key(fd, generation);
		return epoll_ctl(epfd_, op, fd, &ev);
	}

	int failed(int op, int fd, short events)
	{
		log::warn("Epoll %s on fd %d failed (events 0x%x)", op_name(op), fd, unsigned(events));
		return -1;
	}

	int add(int fd, short events)
	{
		Registration &reg = registrations_[fd];
		const uint32_t generation = (reg.generation + 1) & kGenerationMask;
		int op = EPOLL_CTL_ADD;
		int rc = ctl(op, fd, events, generation);
		if (rc < 0 && errno == EEXIST) {
			// Still registered although we thought not: take it over.
			op = EPOLL_CTL_MOD;
			rc = ctl(op, fd, events, generation);
		}
		if (rc < 0) {
			reg.events = 0;
			return failed(op, fd, events);
		}
		reg = Registration{generation, uint8_t(events)};
		return 0;
	}

	int modify(int fd, short events)
	{
		Registration &reg = registrations_[fd];
		if (ctl(EPOLL_CTL_MOD, fd, events, reg.generation) == 0) {
			reg.events = uint8_t(events);
			return 0;
		}
		if (errno == ENOENT) // closed and reopened: the old registration went with it
			return add(fd, events);
		if (errno == EBADF)
			reg.events = 0;
		return failed(EPOLL_CTL_MOD, fd, events);
	}

	int remove(int fd)
	{
		epoll_event unused{};
		const int rc = epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, &unused);
		if (rc < 0 && errno != EBADF && errno != ENOENT && errno != EPERM)
			return failed(EPOLL_CTL_DEL, fd, 0);
		if (registrations_.contains(fd))
			registrations_[fd].events = 0;
		return 0;
	}

	int collect(const timespec *timeout)
	{
		if (precise_wait_) {
			const long n = syscall(SYS_epoll_pwait2, epfd_, events_, event_capacity_, timeout,
			                       nullptr, 0);
			if (n >= 0 || (errno != ENOSYS && errno != EPERM))
				return int(n);
			precise_wait_ = false;
			log::debugx("epoll_pwait2 unavailable; timeouts now in whole milliseconds");
		}
		return epoll_wait(epfd_, events_, event_capacity_, timeout_ms_rounded_up(timeout));
	}

	// A fresh epoll fd drops registrations left behind on files we can no
	// longer name; everything we track is installed again.
	void rebuild()
	{
		const int fresh = epoll_create1(EPOLL_CLOEXEC);
		if (fresh < 0) {
			log::warn("epoll: cannot rebuild the interest set: epoll_create1");
			return; // keep dropping stale events; retried before the next wait
		}
		close(epfd_);
		epfd_ = fresh;
		rebuild_pending_ = false;
		for (size_t fd = 0; fd < registrations_.capacity(); ++fd) {
			if (registrations_[int(fd)].events)
				add(int(fd), registrations_[int(fd)].events);
		}
		log::debugx("epoll: rebuilt the interest set after a stale event");
	}

	// A full batch suggests more was ready: take more next time.
	void grow_events()
	{
		const int capacity = event_capacity_ * 2;
		void *grown = mm::realloc(events_, size_t(capacity) * sizeof(epoll_event));
		if (!grown)
			return; // smaller batches still work
		events_ = static_cast<epoll_event *>(grown);
		event_capacity_ = capacity;
	}

	int epfd_ = -1;
	FdIndexed<Registration> registrations_;
	epoll_event *events_ = nullptr;
	int event_capacity_ = 0;
	bool precise_wait_ = true;
	bool rebuild_pending_ = false;
};

} // namespace

Backend *create_epoll()
{
	auto *backend = mm::make<EpollBackend>();
	if (!backend) {
		log::warn("epoll: cannot allocate the backend");
		return nullptr;
	}
	if (!backend->open()) {
		backend->destroy();
		return nullptr;
	}
	return backend;
}

} // namespace evcxx::backend
