// poll(2) backend, using ppoll(2) for nanosecond timeouts.
//
// Kernel quirks handled here:
// - poll works on fd numbers, so a closed-and-reopened fd simply means the
//   new file; nothing lingers. A closed fd still in the array comes back as
//   POLLNVAL on every call, as with upstream.
// - POLLHUP, POLLERR and POLLNVAL arrive even when not asked for; both
//   directions will fail at once, so both are reported (limited to what was
//   asked).
// - Regular files always poll ready; the kernel never refuses them.
// - EV_CLOSED maps to POLLRDHUP (Linux), as upstream's poll backend does.
#include <poll.h>

#include <cerrno>

#include "backends/backend.hpp"
#include "backends/fd_indexed.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::backend {
namespace {

constexpr short kPollable = kRead | kWrite | kClosed;
constexpr int kNoSlot = -1;
constexpr int kFirstSlotCapacity = 32;

short poll_mask(short events)
{
	return short(((events & kRead) ? POLLIN : 0) | ((events & kWrite) ? POLLOUT : 0) |
	             ((events & kClosed) ? POLLRDHUP : 0));
}

short readiness(short revents)
{
	short what = 0;
	if (revents & (POLLHUP | POLLERR | POLLNVAL))
		what |= kRead | kWrite;
	if (revents & POLLIN)
		what |= kRead;
	if (revents & POLLOUT)
		what |= kWrite;
	if (revents & POLLRDHUP)
		what |= kClosed;
	return what;
}

short asked(short poll_events)
{
	return short(((poll_events & POLLIN) ? kRead : 0) | ((poll_events & POLLOUT) ? kWrite : 0) |
	             ((poll_events & POLLRDHUP) ? kClosed : 0));
}

class PollBackend final : public Backend {
public:
	~PollBackend() { mm::release(slots_); }

	const char *name() const override { return "poll"; }
	int features() const override { return 0x04 | 0x08; } // FDS | EARLY_CLOSE

	int update(int fd, short, short new_events) override
	{
		if (fd < 0) {
			errno = EBADF;
			log::warnx("poll: refusing negative fd %d", fd);
			return -1;
		}
		const short wanted = new_events & kPollable;
		if (!wanted) {
			remove(fd);
			return 0;
		}
		if (!slot_of_fd_.cover(fd, kNoSlot)) {
			log::warn("poll: cannot track fd %d", fd);
			return -1;
		}
		int &slot = slot_of_fd_[fd];
		if (slot == kNoSlot) {
			if (used_ == slot_capacity_ && !grow_slots()) {
				log::warn("poll: cannot grow the pollfd array");
				return -1;
			}
			slot = used_++;
			slots_[slot].fd = fd;
			slots_[slot].revents = 0;
		}
		slots_[slot].events = poll_mask(wanted);
		return 0;
	}

	int wait(const timespec *timeout, const ReadySink &sink) override
	{
		int ready = ppoll(slots_, nfds_t(used_), timeout, nullptr);
		if (ready < 0) {
			if (errno == EINTR)
				return 0;
			log::warn("poll");
			return -1;
		}
		// No user code runs from sink.ready(), so the array holds still.
		for (int i = 0; i < used_ && ready > 0; ++i) {
			if (!slots_[i].revents)
				continue;
			--ready;
			const short what = readiness(slots_[i].revents) & asked(slots_[i].events);
			if (what)
				sink.ready(sink.ctx, slots_[i].fd, what);
		}
		return 0;
	}

	// No kernel state; the loop registers everything again afterwards.
	int reinit() override
	{
		for (int i = 0; i < used_; ++i)
			slot_of_fd_[slots_[i].fd] = kNoSlot;
		used_ = 0;
		return 0;
	}

	void destroy() override { mm::destroy(this); }

private:
	// The last slot moves into the hole, keeping the array dense.
	void remove(int fd)
	{
		if (!slot_of_fd_.contains(fd) || slot_of_fd_[fd] == kNoSlot)
			return;
		const int slot = slot_of_fd_[fd];
		const int last = --used_;
		if (slot != last) {
			slots_[slot] = slots_[last];
			slot_of_fd_[slots_[slot].fd] = slot;
		}
		slot_of_fd_[fd] = kNoSlot;
	}

	bool grow_slots()
	{
		const int capacity = slot_capacity_ ? slot_capacity_ * 2 : kFirstSlotCapacity;
		void *grown = mm::realloc(slots_, size_t(capacity) * sizeof(pollfd));
		if (!grown)
			return false;
		slots_ = static_cast<pollfd *>(grown);
		slot_capacity_ = capacity;
		return true;
	}

	pollfd *slots_ = nullptr;
	int used_ = 0;
	int slot_capacity_ = 0;
	FdIndexed<int> slot_of_fd_; // index into slots_, or kNoSlot
};

} // namespace

Backend *create_poll()
{
	auto *backend = mm::make<PollBackend>();
	if (!backend)
		log::warn("poll: cannot allocate the backend");
	return backend;
}

} // namespace evcxx::backend
