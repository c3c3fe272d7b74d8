#include "core/signal/signal.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "core/loop/base.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::signal {
namespace {

// Which base receives signals, read by the handler: lock-free atomics of
// trivially destructible types. The receiving base and its signal count
// change under `registry_lock` when thread callbacks are installed.
std::atomic<int> receiver_fd{-1};
event_base *receiver = nullptr;
int receiver_signals = 0;
std::atomic<void *> registry_lock{nullptr};

void lock_registry() { thread::lock(thread::shared_lock(registry_lock)); }
void unlock_registry() { thread::unlock(registry_lock.load(std::memory_order_acquire)); }

void on_signal(int sig)
{
	const int saved = errno;
	const int fd = receiver_fd.load(std::memory_order_relaxed);
	if (fd >= 0) {
		const unsigned char byte = static_cast<unsigned char>(sig);
		(void)!::write(fd, &byte, 1);
	}
	errno = saved;
}

// The internal reader: count what arrived, then activate each signal's events.
void on_readable(evutil_socket_t fd, short, void *arg)
{
	auto *b = static_cast<event_base *>(arg);
	int caught[NSIG] = {};
	unsigned char buf[1024];
	for (;;) {
		const ssize_t n = ::read(fd, buf, sizeof buf);
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; ++i)
			if (buf[i] < NSIG)
				++caught[buf[i]];
	}
	loop::lock(b);
	for (int sig = 1; sig < NSIG; ++sig) {
		if (!caught[sig])
			continue;
		event *next;
		for (event *ev = b->signal_events[sig]; ev; ev = next) {
			next = ev->ev_.ev_signal.ev_signal_next.le_next;
			loop::activate_nolock(ev, EV_SIGNAL, static_cast<short>(caught[sig]));
		}
	}
	loop::unlock(b);
}

int open_pipe(event_base *b)
{
	if (::pipe2(b->signal_pair, O_NONBLOCK | O_CLOEXEC) == -1) {
		log::warn("signal pipe");
		b->signal_pair[0] = b->signal_pair[1] = -1;
		return -1;
	}
	loop::assign(&b->signal_reader, b, b->signal_pair[0], EV_READ | EV_PERSIST, on_readable, b);
	b->signal_reader.ev_evcallback.evcb_flags |= EVLIST_INTERNAL;
	b->signal_reader.ev_evcallback.evcb_pri = 0;
	return 0;
}

void close_pipe(event_base *b)
{
	for (int &fd : b->signal_pair) {
		if (fd >= 0)
			::close(fd);
		fd = -1;
	}
}

void become_receiver(event_base *b)
{
	receiver = b;
	receiver_fd.store(b->signal_pair[1], std::memory_order_relaxed);
}

int install_handler(event_base *b, int sig)
{
	auto *saved = static_cast<struct sigaction *>(mm::alloc(sizeof(struct sigaction)));
	if (!saved)
		return -1;
	struct sigaction sa;
	std::memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigfillset(&sa.sa_mask);
	if (::sigaction(sig, &sa, saved) == -1) {
		log::warn("sigaction");
		mm::release(saved);
		return -1;
	}
	b->saved_handlers[sig] = saved;
	return 0;
}

void restore_handler(event_base *b, int sig)
{
	struct sigaction *saved = b->saved_handlers[sig];
	if (!saved)
		return;
	if (::sigaction(sig, saved, nullptr) == -1)
		log::warn("sigaction");
	mm::release(saved);
	b->saved_handlers[sig] = nullptr;
}

} // namespace

int add(event_base *b, event *ev)
{
	const int sig = static_cast<int>(ev->ev_fd);
	if (sig <= 0 || sig >= NSIG) {
		log::warnx("event_add: signal number %d out of range", sig);
		return -1;
	}
	if (!b->signal_events[sig]) {
		if (b->signal_pair[0] < 0 && open_pipe(b) == -1)
			return -1;
		lock_registry();
		if (receiver != b && receiver_signals)
			log::warnx("Added a signal to a base while another base has signals; the most recent one receives them");
		b->signals_handled++;
		receiver_signals = b->signals_handled;
		become_receiver(b);
		unlock_registry();
		if (install_handler(b, sig) == -1) {
			lock_registry();
			b->signals_handled--;
			receiver_signals = b->signals_handled;
			unlock_registry();
			return -1;
		}
		if (!b->signal_reader_added) {
			if (loop::add_nolock(&b->signal_reader, nullptr, false) == -1)
				return -1;
			b->signal_reader_added = true;
		}
	}
	loop::signal_list_push(b->signal_events[sig], ev);
	return 1;
}

int del(event_base *b, event *ev)
{
	const int sig = static_cast<int>(ev->ev_fd);
	if (sig <= 0 || sig >= NSIG)
		return -1;
	loop::signal_list_remove(ev);
	if (!b->signal_events[sig]) {
		lock_registry();
		b->signals_handled--;
		if (receiver == b)
			receiver_signals = b->signals_handled;
		unlock_registry();
		restore_handler(b, sig);
	}
	return 1;
}

void claim_delivery(event_base *b)
{
	if (!b->signal_reader_added || !b->signals_handled)
		return;
	lock_registry();
	become_receiver(b);
	receiver_signals = b->signals_handled;
	unlock_registry();
}

void release(event_base *b)
{
	for (int sig = 1; sig < NSIG; ++sig)
		restore_handler(b, sig);
	lock_registry();
	if (receiver == b) {
		receiver = nullptr;
		receiver_signals = 0;
		receiver_fd.store(-1, std::memory_order_relaxed);
	}
	unlock_registry();
	close_pipe(b);
}

void free_globals() { thread::release_shared_lock(registry_lock); }

int reinit(event_base *b)
{
	if (b->signal_pair[0] < 0)
		return 0;
	const bool was_added = b->signal_reader_added;
	if (was_added)
		loop::del_nolock(&b->signal_reader, loop::DelWait::Auto);
	b->signal_reader_added = false;
	close_pipe(b);
	if (open_pipe(b) == -1)
		return -1;
	lock_registry();
	if (receiver == b)
		become_receiver(b);
	unlock_registry();
	if (was_added) {
		if (loop::add_nolock(&b->signal_reader, nullptr, false) == -1)
			return -1;
		b->signal_reader_added = true;
	}
	return 0;
}

} // namespace evcxx::signal
