#include "core/util/socket.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/util/log.hpp"

namespace evcxx::util {

int make_nonblocking(int fd)
{
	const int flags = fcntl(fd, F_GETFL, nullptr);
	if (flags < 0) {
		log::warn("fcntl(%d, F_GETFL)", fd);
		return -1;
	}
	if (!(flags & O_NONBLOCK) && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
		log::warn("fcntl(%d, F_SETFL)", fd);
		return -1;
	}
	return 0;
}

int make_cloexec(int fd)
{
	const int flags = fcntl(fd, F_GETFD, nullptr);
	if (flags < 0) {
		log::warn("fcntl(%d, F_GETFD)", fd);
		return -1;
	}
	if (!(flags & FD_CLOEXEC) && fcntl(fd, F_SETFD, flags | FD_CLOEXEC) == -1) {
		log::warn("fcntl(%d, F_SETFD)", fd);
		return -1;
	}
	return 0;
}

namespace {

int enable_option(int fd, int level, int option)
{
	const int one = 1;
	return setsockopt(fd, level, option, &one, sizeof one);
}

} // namespace

int set_reuse_address(int fd) { return enable_option(fd, SOL_SOCKET, SO_REUSEADDR); }
int set_reuse_port(int fd) { return enable_option(fd, SOL_SOCKET, SO_REUSEPORT); }
int set_ipv6_only(int fd) { return enable_option(fd, IPPROTO_IPV6, IPV6_V6ONLY); }
int set_defer_accept(int fd) { return enable_option(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT); }

int close_socket(int fd) { return close(fd); }

int socketpair(int family, int type, int protocol, int fds[2])
{
	return ::socketpair(family, type, protocol, fds);
}

} // namespace evcxx::util
