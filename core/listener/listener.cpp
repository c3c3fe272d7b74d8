// Listener lifetime, enabling and callback replacement.
#include "core/listener/listener.hpp"

#include <sys/socket.h>

#include "core/loop/base.hpp"
#include "core/loop/debug.hpp"
#include "core/thread/lock.hpp"
#include "core/util/mm.hpp"
#include "core/util/socket.hpp"

namespace evcxx::listener {

namespace {

// What listen() gets when the caller asks for a default backlog (upstream's).
constexpr int kDefaultBacklog = 128;

void stop_backoff(evconnlistener *lev)
{
	if (!lev->backing_off)
		return;
	lev->backing_off = false;
	loop::del(&lev->backoff, loop::DelWait::NoBlock);
}

// Called with no lock held and no other reference left. Deleting the
// events waits for a callback still running in the loop thread; such a
// callback sees `freed` and returns without touching anything else. The
// timer is only pending or running while backing off.
void destroy(evconnlistener *lev)
{
	loop::del(&lev->reader, loop::DelWait::Auto);
	if (lev->backing_off)
		loop::del(&lev->backoff, loop::DelWait::Auto);
	if (lev->flags & LEV_OPT_CLOSE_ON_FREE)
		util::close_socket(lev->reader.ev_fd);
	debug::note_teardown(&lev->reader);
	debug::note_teardown(&lev->backoff);
	thread::free_lock(lev->lock, EVTHREAD_LOCKTYPE_RECURSIVE);
	mm::release(lev);
}

} // namespace

evconnlistener *create(event_base *base, evconnlistener_cb cb, void *arg, unsigned flags,
                       int backlog, int fd)
{
	if (backlog != 0 && listen(fd, backlog > 0 ? backlog : kDefaultBacklog) < 0)
		return nullptr;
	auto *lev = static_cast<evconnlistener *>(mm::zalloc(1, sizeof(evconnlistener)));
	if (!lev)
		return nullptr;
	lev->cb = cb;
	lev->arg = arg;
	lev->flags = flags;
	lev->refs = 1;
	if (!(flags & LEV_OPT_LEAVE_SOCKETS_BLOCKING))
		lev->accept_flags |= SOCK_NONBLOCK;
	if (flags & LEV_OPT_CLOSE_ON_EXEC)
		lev->accept_flags |= SOCK_CLOEXEC;
	if (flags & LEV_OPT_THREADSAFE)
		lev->lock = thread::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE);
	// As upstream, a failed assignment (no base at all) surfaces when
	// enabling fails, and the listener is still returned.
	loop::assign(&lev->reader, base, fd, EV_READ | EV_PERSIST, on_readable, lev);
	loop::assign(&lev->backoff, lev->reader.ev_base, -1, 0, on_backoff_over, lev);
	if (!(flags & LEV_OPT_DISABLED))
		enable(lev);
	return lev;
}

void release(evconnlistener *lev)
{
	thread::lock(lev->lock);
	lev->cb = nullptr;
	lev->errorcb = nullptr;
	lev->freed = true;
	// With a callback running, that callback frees the listener on return.
	unref_and_unlock(lev);
}

bool unref_and_unlock(evconnlistener *lev)
{
	const bool last = --lev->refs == 0;
	thread::unlock(lev->lock);
	if (last)
		destroy(lev);
	return last;
}

// Deletions here never wait for a running callback: it may be blocked on
// our lock. A callback that starts after a disable sees `enabled` unset.
int enable(evconnlistener *lev)
{
	thread::lock(lev->lock);
	lev->enabled = true;
	stop_backoff(lev);
	const int r = lev->cb ? loop::add(&lev->reader, nullptr) : 0;
	thread::unlock(lev->lock);
	return r;
}

int disable(evconnlistener *lev)
{
	thread::lock(lev->lock);
	lev->enabled = false;
	stop_backoff(lev);
	const int r = loop::del(&lev->reader, loop::DelWait::NoBlock);
	thread::unlock(lev->lock);
	return r;
}

// As upstream, a listener enabled while it had no callback starts reading
// once it gets one, and clearing the callback leaves reading on (each
// connection is then accepted and closed).
void set_cb(evconnlistener *lev, evconnlistener_cb cb, void *arg)
{
	thread::lock(lev->lock);
	const bool start = lev->enabled && !lev->cb;
	lev->cb = cb;
	lev->arg = arg;
	if (start)
		enable(lev);
	thread::unlock(lev->lock);
}

void set_error_cb(evconnlistener *lev, evconnlistener_errorcb errorcb)
{
	thread::lock(lev->lock);
	lev->errorcb = errorcb;
	thread::unlock(lev->lock);
}

} // namespace evcxx::listener
