#include "tests/listener/listener_fixture.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include <catch2/catch.hpp>

namespace listener_test {

sockaddr_in loopback(uint16_t port)
{
	sockaddr_in sin{};
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

sockaddr_in local_address(int fd)
{
	sockaddr_in sin{};
	socklen_t len = sizeof sin;
	REQUIRE(getsockname(fd, reinterpret_cast<sockaddr *>(&sin), &len) == 0);
	return sin;
}

int bound_socket()
{
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	REQUIRE(fd >= 0);
	const sockaddr_in sin = loopback();
	REQUIRE(bind(fd, reinterpret_cast<const sockaddr *>(&sin), sizeof sin) == 0);
	return fd;
}

int connect_to(const sockaddr_in &to)
{
	const int fd = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(fd >= 0);
	REQUIRE(connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) == 0);
	return fd;
}

bool is_nonblocking(int fd) { return fcntl(fd, F_GETFL) & O_NONBLOCK; }
bool is_cloexec(int fd) { return fcntl(fd, F_GETFD) & FD_CLOEXEC; }
bool is_open(int fd) { return fcntl(fd, F_GETFD) >= 0; }

int sockopt(int fd, int level, int name)
{
	int value = -1;
	socklen_t len = sizeof value;
	REQUIRE(getsockopt(fd, level, name, &value, &len) == 0);
	return value;
}

Recorder::~Recorder()
{
	for (const Accepted &a : accepted)
		close(a.fd);
}

void record(evconnlistener *lev, evutil_socket_t fd, sockaddr *sa, int len, void *arg)
{
	auto *r = static_cast<Recorder *>(arg);
	Accepted a{fd, {}, len};
	memcpy(&a.peer, sa, static_cast<size_t>(len));
	r->accepted.push_back(a);
	if (r->disable_in_cb)
		evconnlistener_disable(lev);
	if (r->free_in_cb)
		evconnlistener_free(lev);
}

void record_error(evconnlistener *lev, void *arg)
{
	auto *r = static_cast<Recorder *>(arg);
	r->last_error = EVUTIL_SOCKET_ERROR();
	++r->errors;
	if (r->disable_in_errorcb)
		evconnlistener_disable(lev);
}

} // namespace listener_test
