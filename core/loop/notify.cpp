// Waking a loop that sleeps in its backend when another thread changes the
// base: an eventfd watched by an internal event.
#include <sys/eventfd.h>
#include <unistd.h>

#include "core/loop/base.hpp"
#include "core/util/log.hpp"

namespace evcxx::loop {
namespace {
void drain(evutil_socket_t fd, short, void *arg)
{
	auto *b = static_cast<event_base *>(arg);
	eventfd_t value;
	(void)::eventfd_read(fd, &value);
	lock(b);
	b->notify_pending = false;
	unlock(b);
}
} // namespace

bool in_loop_thread(const event_base *b) { return thread::current_id() == b->owner_thread; }

int notify(event_base *b)
{
	if (!b->notifiable)
		return -1;
	if (b->notify_pending)
		return 0;
	b->notify_pending = true;
	return ::eventfd_write(b->notify_fd, 1) == 0 ? 0 : -1;
}

int make_notifiable(event_base *b)
{
	if (b->notifiable)
		return 0;
	const int fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (fd < 0) {
		log::warn("make_base_notifiable: eventfd");
		return -1;
	}
	b->notify_fd = fd;
	assign(&b->notify_reader, b, fd, EV_READ | EV_PERSIST, drain, b);
	b->notify_reader.ev_evcallback.evcb_flags |= EVLIST_INTERNAL;
	b->notify_reader.ev_evcallback.evcb_pri = 0;
	if (add_nolock(&b->notify_reader, nullptr, false) == -1) {
		::close(fd);
		b->notify_fd = -1;
		return -1;
	}
	b->notifiable = true;
	return 0;
}

} // namespace evcxx::loop
