// evutil socket helpers.
#include <catch2/catch.hpp>

#include <event2/util.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <utility>
#include <vector>

#include "core/util/log.hpp"
#include "core/util/socket.hpp"

namespace {

int option(int fd, int level, int name)
{
	int value = -1;
	socklen_t len = sizeof value;
	REQUIRE(getsockopt(fd, level, name, &value, &len) == 0);
	return value;
}

std::vector<std::pair<int, std::string>> logged;
void capture(int severity, const char *msg) { logged.emplace_back(severity, msg); }

} // namespace

TEST_CASE("evutil_socketpair makes a connected AF_UNIX pair", "[util]")
{
	evutil_socket_t sv[2];
	REQUIRE(evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(write(sv[0], "ping", 4) == 4);
	char buf[8];
	CHECK(read(sv[1], buf, sizeof buf) == 4);
	CHECK(evutil_closesocket(sv[0]) == 0);
	CHECK(evutil_closesocket(sv[1]) == 0);
}

TEST_CASE("evutil_socketpair refuses what Linux refuses, as upstream's Linux build", "[util]")
{
	evutil_socket_t sv[2];
	errno = 0;
	CHECK(evutil_socketpair(AF_INET, SOCK_STREAM, 0, sv) == -1);
	CHECK(errno == EOPNOTSUPP);
	errno = 0;
	CHECK(evutil_socketpair(AF_UNIX, SOCK_STREAM, 5, sv) == -1);
	CHECK(errno == EPROTONOSUPPORT);
}

TEST_CASE("engine socketpair accepts SOCK_NONBLOCK and SOCK_CLOEXEC", "[util]")
{
	int sv[2];
	REQUIRE(evcxx::util::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) == 0);
	CHECK((fcntl(sv[0], F_GETFL) & O_NONBLOCK) != 0);
	CHECK((fcntl(sv[1], F_GETFD) & FD_CLOEXEC) != 0);
	close(sv[0]);
	close(sv[1]);
}

TEST_CASE("nonblocking and close-on-exec flags are set and kept", "[util]")
{
	evutil_socket_t sv[2];
	REQUIRE(evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	const int append = fcntl(sv[0], F_GETFL) | O_APPEND;
	REQUIRE(fcntl(sv[0], F_SETFL, append) == 0);
	CHECK(evutil_make_socket_nonblocking(sv[0]) == 0);
	CHECK((fcntl(sv[0], F_GETFL) & O_NONBLOCK) != 0);
	CHECK((fcntl(sv[0], F_GETFL) & O_APPEND) != 0);
	CHECK(evutil_make_socket_nonblocking(sv[0]) == 0);
	CHECK(evutil_make_socket_closeonexec(sv[1]) == 0);
	CHECK((fcntl(sv[1], F_GETFD) & FD_CLOEXEC) != 0);
	CHECK(evutil_make_socket_closeonexec(sv[1]) == 0);
	evutil_closesocket(sv[0]);
	evutil_closesocket(sv[1]);
}

TEST_CASE("flag helpers warn and fail on a bad descriptor", "[util]")
{
	logged.clear();
	evcxx::log::set_callback(capture);
	errno = 0;
	CHECK(evutil_make_socket_nonblocking(-1) == -1);
	CHECK(errno == EBADF);
	CHECK(evutil_make_socket_closeonexec(-1) == -1);
	evcxx::log::set_callback(nullptr);
	REQUIRE(logged.size() == 2);
	CHECK(logged[0].first == evcxx::log::Warn);
	CHECK(logged[0].second == "fcntl(-1, F_GETFL): Bad file descriptor");
	CHECK(logged[1].second == "fcntl(-1, F_GETFD): Bad file descriptor");
}

TEST_CASE("listen socket options are enabled", "[util]")
{
	const int tcp = socket(AF_INET6, SOCK_STREAM, 0);
	if (tcp < 0) {
		WARN("no IPv6 sockets here");
		return;
	}
	CHECK(evutil_make_listen_socket_reuseable(tcp) == 0);
	CHECK(option(tcp, SOL_SOCKET, SO_REUSEADDR) == 1);
	CHECK(evutil_make_listen_socket_reuseable_port(tcp) == 0);
	CHECK(option(tcp, SOL_SOCKET, SO_REUSEPORT) == 1);
	CHECK(evutil_make_listen_socket_ipv6only(tcp) == 0);
	CHECK(option(tcp, IPPROTO_IPV6, IPV6_V6ONLY) == 1);
	CHECK(evutil_make_tcp_listen_socket_deferred(tcp) == 0);
	CHECK(option(tcp, IPPROTO_TCP, TCP_DEFER_ACCEPT) > 0);
	CHECK(evutil_closesocket(tcp) == 0);

	errno = 0;
	CHECK(evutil_make_listen_socket_reuseable(-1) == -1);
	CHECK(errno == EBADF);
	CHECK(evutil_make_listen_socket_reuseable_port(-1) == -1);
	CHECK(evutil_make_listen_socket_ipv6only(-1) == -1);
	CHECK(evutil_make_tcp_listen_socket_deferred(-1) == -1);
	errno = 0;
	CHECK(evutil_closesocket(-1) == -1);
	CHECK(errno == EBADF);
}
