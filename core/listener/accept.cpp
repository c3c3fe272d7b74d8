// Accepting: every pending connection per readiness report, as upstream;
// after a failed accept() the listener pauses instead of spinning.
#include <cerrno>
#include <sys/socket.h>

#include "core/listener/listener.hpp"
#include "core/loop/base.hpp"
#include "core/thread/lock.hpp"
#include "core/util/log.hpp"
#include "core/util/socket.hpp"

namespace evcxx::listener {

namespace {

// How long reading stays off after accept() failed for a reason other than
// an empty queue. A failure such as EMFILE leaves the socket readable, so
// retrying at once would spin (libevent 2.1.12 does); this bounds retries.
constexpr long kBackoffMicros = 100 * 1000;

bool is_retriable(int err)
{
	return err == EAGAIN || err == EWOULDBLOCK || err == EINTR || err == ECONNABORTED;
}

void start_backoff(evconnlistener *lev)
{
	loop::del(&lev->reader, loop::DelWait::NoBlock);
	const timeval delay = {0, kBackoffMicros};
	if (loop::add(&lev->backoff, &delay) == 0)
		lev->backing_off = true;
}

// accept() failed with `err`: pause, then tell the application (its error
// callback, or one warning per run of failures).
void on_accept_error(evconnlistener *lev, int fd, int err)
{
	start_backoff(lev);
	if (lev->errorcb) {
		++lev->refs;
		const evconnlistener_errorcb errorcb = lev->errorcb;
		void *arg = lev->arg;
		thread::unlock(lev->lock);
		errno = err; // what EVUTIL_SOCKET_ERROR() reports to the callback
		errorcb(lev, arg);
		thread::lock(lev->lock);
		unref_and_unlock(lev);
		return;
	}
	if (!lev->warned) {
		lev->warned = true;
		errno = err;
		log::warn("accept() on listening socket %d failed; retrying every %ld ms", fd,
		          kBackoffMicros / 1000);
	}
	thread::unlock(lev->lock);
}

} // namespace

void on_readable(evutil_socket_t fd, short, void *p)
{
	auto *lev = static_cast<evconnlistener *>(p);
	thread::lock(lev->lock);
	if (lev->freed || !lev->enabled) { // raced evconnlistener_free/disable
		thread::unlock(lev->lock);
		return;
	}
	for (;;) {
		sockaddr_storage peer;
		socklen_t peer_len = sizeof peer;
		const int conn = accept4(fd, reinterpret_cast<sockaddr *>(&peer), &peer_len,
		                         lev->accept_flags);
		if (conn < 0)
			break;
		lev->warned = false;
		// Some kernels report an aborted handshake as a connection without a
		// peer address; upstream drops those.
		if (peer_len == 0) {
			util::close_socket(conn);
			continue;
		}
		if (!lev->cb) {
			util::close_socket(conn);
			thread::unlock(lev->lock);
			return;
		}
		++lev->refs;
		const evconnlistener_cb cb = lev->cb;
		void *arg = lev->arg;
		thread::unlock(lev->lock);
		cb(lev, conn, reinterpret_cast<sockaddr *>(&peer), static_cast<int>(peer_len), arg);
		thread::lock(lev->lock);
		if (lev->refs == 1) { // freed by the callback
			unref_and_unlock(lev);
			return;
		}
		--lev->refs;
		if (!lev->enabled) {
			thread::unlock(lev->lock);
			return;
		}
	}
	const int err = errno;
	if (is_retriable(err)) {
		thread::unlock(lev->lock);
		return;
	}
	on_accept_error(lev, fd, err);
}

void on_backoff_over(evutil_socket_t, short, void *p)
{
	auto *lev = static_cast<evconnlistener *>(p);
	thread::lock(lev->lock);
	if (!lev->freed && lev->backing_off) {
		lev->backing_off = false;
		if (lev->enabled && lev->cb)
			loop::add(&lev->reader, nullptr);
	}
	thread::unlock(lev->lock);
}

} // namespace evcxx::listener
