// evconnlistener_new_bind: create, configure and bind the listening socket.
#include <sys/socket.h>

#include "core/listener/listener.hpp"
#include "core/util/socket.hpp"

namespace evcxx::listener {

namespace {

// The socket options LEV_OPT_* ask for, plus SO_KEEPALIVE (upstream sets
// it on every bound listener, and accepted sockets inherit it).
bool configure(int fd, unsigned flags)
{
	const int one = 1;
	if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one) < 0)
		return false;
	if ((flags & LEV_OPT_REUSEABLE) && util::set_reuse_address(fd) < 0)
		return false;
	if ((flags & LEV_OPT_REUSEABLE_PORT) && util::set_reuse_port(fd) < 0)
		return false;
	if ((flags & LEV_OPT_DEFERRED_ACCEPT) && util::set_defer_accept(fd) < 0)
		return false;
	if ((flags & LEV_OPT_BIND_IPV6ONLY) && util::set_ipv6_only(fd) < 0)
		return false;
	return true;
}

} // namespace

evconnlistener *create_bound(event_base *base, evconnlistener_cb cb, void *arg, unsigned flags,
                             int backlog, const sockaddr *sa, int socklen)
{
	// A new socket does not listen yet, so "already listening" makes no sense.
	if (backlog == 0)
		return nullptr;
	int type = SOCK_STREAM | SOCK_NONBLOCK;
	if (flags & LEV_OPT_CLOSE_ON_EXEC)
		type |= SOCK_CLOEXEC;
	const int fd = socket(sa ? sa->sa_family : AF_UNSPEC, type, 0);
	if (fd < 0)
		return nullptr;
	evconnlistener *lev = nullptr;
	if (configure(fd, flags) && (!sa || bind(fd, sa, static_cast<socklen_t>(socklen)) == 0))
		lev = create(base, cb, arg, flags, backlog, fd);
	if (!lev)
		util::close_socket(fd);
	return lev;
}

} // namespace evcxx::listener
