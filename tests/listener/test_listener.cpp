// evconnlistener: accepting, options, enabling, callbacks, lifetime.
#include <catch2/catch.hpp>

#include <event2/event.h>
#include <event2/listener.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <utility>
#include <vector>

#include "tests/listener/listener_fixture.hpp"

using namespace listener_test;

namespace {

struct Base {
	event_base *base = event_base_new();
	~Base() { event_base_free(base); }
	int pass() { return event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK); }
};

evconnlistener *bind_loopback(event_base *base, Recorder &rec, unsigned flags)
{
	const sockaddr_in sin = loopback();
	return evconnlistener_new_bind(base, record, &rec, flags, -1,
	                               reinterpret_cast<const sockaddr *>(&sin), sizeof sin);
}

std::vector<std::pair<int, std::string>> logged;
void capture(int severity, const char *msg) { logged.emplace_back(severity, msg); }

struct LogCapture {
	LogCapture()
	{
		logged.clear();
		event_set_log_callback(capture);
	}
	~LogCapture() { event_set_log_callback(nullptr); }
};

bool peer_eof(int client)
{
	char c;
	return read(client, &c, 1) == 0;
}

} // namespace

TEST_CASE("one readiness report accepts every queued connection", "[listener]")
{
	Base b;
	Recorder rec;
	evconnlistener *lev = bind_loopback(b.base, rec, LEV_OPT_CLOSE_ON_FREE);
	REQUIRE(lev);
	const sockaddr_in at = local_address(evconnlistener_get_fd(lev));
	std::vector<int> clients;
	for (int i = 0; i < 5; ++i)
		clients.push_back(connect_to(at));
	REQUIRE(event_base_loop(b.base, EVLOOP_ONCE) == 0);
	REQUIRE(rec.accepted.size() == 5);
	for (size_t i = 0; i < clients.size(); ++i) {
		const Accepted &a = rec.accepted[i];
		CHECK(a.peer_len == sizeof(sockaddr_in));
		const sockaddr_in client_addr = local_address(clients[i]);
		const auto *peer = reinterpret_cast<const sockaddr_in *>(&a.peer);
		CHECK(peer->sin_port == client_addr.sin_port);
		CHECK(is_nonblocking(a.fd));
		CHECK_FALSE(is_cloexec(a.fd));
		CHECK(write(a.fd, "x", 1) == 1);
		char c;
		CHECK(read(clients[i], &c, 1) == 1);
		close(clients[i]);
	}
	evconnlistener_free(lev);
}

TEST_CASE("accepted sockets follow LEAVE_SOCKETS_BLOCKING and CLOSE_ON_EXEC", "[listener]")
{
	Base b;
	Recorder rec;
	evconnlistener *lev = bind_loopback(
	    b.base, rec, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_LEAVE_SOCKETS_BLOCKING | LEV_OPT_CLOSE_ON_EXEC);
	REQUIRE(lev);
	const int fd = evconnlistener_get_fd(lev);
	CHECK(is_cloexec(fd));
	CHECK(is_nonblocking(fd)); // the listening socket itself always is
	const int client = connect_to(local_address(fd));
	REQUIRE(b.pass() == 0);
	REQUIRE(rec.accepted.size() == 1);
	CHECK_FALSE(is_nonblocking(rec.accepted[0].fd));
	CHECK(is_cloexec(rec.accepted[0].fd));
	close(client);
	evconnlistener_free(lev);
}

TEST_CASE("new_bind sets the socket options the flags ask for", "[listener]")
{
	Base b;
	Recorder rec;
	evconnlistener *plain = bind_loopback(b.base, rec, LEV_OPT_CLOSE_ON_FREE);
	REQUIRE(plain);
	const int pfd = evconnlistener_get_fd(plain);
	CHECK(sockopt(pfd, SOL_SOCKET, SO_KEEPALIVE) == 1);
	CHECK(sockopt(pfd, SOL_SOCKET, SO_REUSEADDR) == 0);
	CHECK(sockopt(pfd, SOL_SOCKET, SO_REUSEPORT) == 0);
	CHECK(sockopt(pfd, IPPROTO_TCP, TCP_DEFER_ACCEPT) == 0);
	CHECK(sockopt(pfd, SOL_SOCKET, SO_ACCEPTCONN) == 1);
	CHECK_FALSE(is_cloexec(pfd));
	evconnlistener_free(plain);

	evconnlistener *all = bind_loopback(b.base, rec,
	                                    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE |
	                                        LEV_OPT_REUSEABLE_PORT | LEV_OPT_DEFERRED_ACCEPT);
	REQUIRE(all);
	const int afd = evconnlistener_get_fd(all);
	CHECK(sockopt(afd, SOL_SOCKET, SO_REUSEADDR) == 1);
	CHECK(sockopt(afd, SOL_SOCKET, SO_REUSEPORT) == 1);
	CHECK(sockopt(afd, IPPROTO_TCP, TCP_DEFER_ACCEPT) > 0);

	// A second listener on the same port: REUSEABLE_PORT on both lets it bind.
	const sockaddr_in same = local_address(afd);
	evconnlistener *twin =
	    evconnlistener_new_bind(b.base, record, &rec, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE_PORT,
	                            -1, reinterpret_cast<const sockaddr *>(&same), sizeof same);
	CHECK(twin);
	if (twin)
		evconnlistener_free(twin);
	evconnlistener_free(all);
}

TEST_CASE("BIND_IPV6ONLY applies to IPv6 sockets and fails on IPv4 ones", "[listener]")
{
	Base b;
	Recorder rec;
	sockaddr_in6 six{};
	six.sin6_family = AF_INET6;
	six.sin6_addr = in6addr_loopback;
	evconnlistener *lev =
	    evconnlistener_new_bind(b.base, record, &rec, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_BIND_IPV6ONLY,
	                            -1, reinterpret_cast<const sockaddr *>(&six), sizeof six);
	if (lev) { // the machine may lack IPv6
		CHECK(sockopt(evconnlistener_get_fd(lev), IPPROTO_IPV6, IPV6_V6ONLY) == 1);
		evconnlistener_free(lev);
	}
	const sockaddr_in four = loopback();
	const int next_fd = dup(0);
	close(next_fd);
	CHECK(evconnlistener_new_bind(b.base, record, &rec, LEV_OPT_BIND_IPV6ONLY, -1,
	                              reinterpret_cast<const sockaddr *>(&four), sizeof four) == nullptr);
	CHECK_FALSE(is_open(next_fd)); // the failed socket was closed
}

TEST_CASE("new_bind refuses what cannot work and leaks nothing", "[listener]")
{
	Base b;
	Recorder rec;
	const sockaddr_in sin = loopback();
	const int next_fd = dup(0);
	close(next_fd);
	const auto *sa = reinterpret_cast<const sockaddr *>(&sin);
	CHECK(evconnlistener_new_bind(b.base, record, &rec, 0, 0, sa, sizeof sin) == nullptr);
	CHECK(evconnlistener_new_bind(b.base, record, &rec, 0, -1, sa, 3) == nullptr);
	CHECK(evconnlistener_new_bind(b.base, record, &rec, 0, -1, nullptr, 0) == nullptr);
	sockaddr_un un{};
	un.sun_family = AF_UNIX;
	CHECK(evconnlistener_new_bind(b.base, record, &rec, LEV_OPT_DEFERRED_ACCEPT, -1,
	                              reinterpret_cast<const sockaddr *>(&un),
	                              sizeof(sa_family_t)) == nullptr);
	CHECK_FALSE(is_open(next_fd));
}

TEST_CASE("evconnlistener_new: backlog -1 listens, 0 leaves the socket alone, >0 listens", "[listener]")
{
	Base b;
	Recorder rec;
	for (int backlog : {-1, 0, 7}) {
		const int fd = bound_socket();
		evconnlistener *lev = evconnlistener_new(b.base, record, &rec, 0, backlog, fd);
		REQUIRE(lev);
		CHECK(sockopt(fd, SOL_SOCKET, SO_ACCEPTCONN) == (backlog != 0));
		CHECK(evconnlistener_get_fd(lev) == fd);
		CHECK(evconnlistener_get_base(lev) == b.base);
		evconnlistener_free(lev);
		CHECK(is_open(fd)); // no CLOSE_ON_FREE
		close(fd);
	}
	// listen() failing (not a socket) fails the constructor.
	int pipefd[2];
	REQUIRE(pipe(pipefd) == 0);
	CHECK(evconnlistener_new(b.base, record, &rec, 0, 5, pipefd[0]) == nullptr);
	close(pipefd[0]);
	close(pipefd[1]);
}

TEST_CASE("LEV_OPT_DISABLED, disable and enable", "[listener]")
{
	Base b;
	Recorder rec;
	evconnlistener *lev = bind_loopback(b.base, rec, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_DISABLED);
	REQUIRE(lev);
	const sockaddr_in at = local_address(evconnlistener_get_fd(lev));
	const int c1 = connect_to(at);
	CHECK(b.pass() == 1); // nothing registered
	CHECK(rec.accepted.empty());
	CHECK(evconnlistener_enable(lev) == 0);
	CHECK(b.pass() == 0);
	CHECK(rec.accepted.size() == 1);
	CHECK(evconnlistener_disable(lev) == 0);
	const int c2 = connect_to(at);
	CHECK(b.pass() == 1);
	CHECK(rec.accepted.size() == 1);
	CHECK(evconnlistener_enable(lev) == 0);
	CHECK(b.pass() == 0);
	CHECK(rec.accepted.size() == 2);
	close(c1);
	close(c2);
	evconnlistener_free(lev);
}

TEST_CASE("a callback that disables the listener leaves the rest queued", "[listener]")
{
	Base b;
	Recorder rec;
	rec.disable_in_cb = true;
	evconnlistener *lev = bind_loopback(b.base, rec, LEV_OPT_CLOSE_ON_FREE);
	REQUIRE(lev);
	const sockaddr_in at = local_address(evconnlistener_get_fd(lev));
	const int c1 = connect_to(at), c2 = connect_to(at);
	CHECK(b.pass() == 0);
	CHECK(rec.accepted.size() == 1);
	rec.disable_in_cb = false;
	CHECK(evconnlistener_enable(lev) == 0);
	CHECK(b.pass() == 0);
	CHECK(rec.accepted.size() == 2);
	close(c1);
	close(c2);
	evconnlistener_free(lev);
}

TEST_CASE("a listener without a callback", "[listener]")
{
	Base b;
	Recorder rec;
	const int fd = bound_socket();
	evconnlistener *lev = evconnlistener_new(b.base, nullptr, nullptr, LEV_OPT_CLOSE_ON_FREE, -1, fd);
	REQUIRE(lev);
	const sockaddr_in at = local_address(fd);

	SECTION("does not read until it gets one")
	{
		const int c = connect_to(at);
		CHECK(b.pass() == 1);
		evconnlistener_set_cb(lev, record, &rec);
		CHECK(b.pass() == 0);
		CHECK(rec.accepted.size() == 1);
		close(c);
	}
	SECTION("once cleared while reading, accepts and closes one connection per pass")
	{
		evconnlistener_set_cb(lev, record, &rec);
		evconnlistener_set_cb(lev, nullptr, nullptr);
		const int c1 = connect_to(at), c2 = connect_to(at);
		CHECK(b.pass() == 0);
		CHECK(peer_eof(c1));
		CHECK(b.pass() == 0);
		CHECK(peer_eof(c2));
		CHECK(rec.accepted.empty());
		close(c1);
		close(c2);
	}
	SECTION("a disabled one stays disabled when it gets one")
	{
		evconnlistener_disable(lev);
		const int c = connect_to(at);
		evconnlistener_set_cb(lev, record, &rec);
		CHECK(b.pass() == 1);
		CHECK(rec.accepted.empty());
		close(c);
	}
	evconnlistener_free(lev);
	CHECK_FALSE(is_open(fd));
}

TEST_CASE("freeing the listener inside its callback", "[listener]")
{
	Base b;
	Recorder rec;
	rec.free_in_cb = true;
	evconnlistener *lev = bind_loopback(b.base, rec, LEV_OPT_CLOSE_ON_FREE);
	REQUIRE(lev);
	const int fd = evconnlistener_get_fd(lev);
	const sockaddr_in at = local_address(fd);
	const int c1 = connect_to(at), c2 = connect_to(at);
	CHECK(event_base_loop(b.base, EVLOOP_ONCE) == 0);
	CHECK(rec.accepted.size() == 1);
	CHECK_FALSE(is_open(fd));
	CHECK(event_base_dispatch(b.base) == 1); // nothing left registered
	close(c1);
	close(c2);
}

TEST_CASE("AF_UNIX listeners report the peer's address length", "[listener]")
{
	Base b;
	Recorder rec;
	sockaddr_un un{};
	un.sun_family = AF_UNIX;
	// Abstract name: nothing to clean up on disk.
	const char name[] = "\0evcxx-listener-test";
	memcpy(un.sun_path, name, sizeof name - 1);
	const auto len = static_cast<int>(offsetof(sockaddr_un, sun_path) + sizeof name - 1);
	evconnlistener *lev = evconnlistener_new_bind(b.base, record, &rec, LEV_OPT_CLOSE_ON_FREE, 4,
	                                              reinterpret_cast<const sockaddr *>(&un), len);
	REQUIRE(lev);
	const int client = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE(connect(client, reinterpret_cast<const sockaddr *>(&un), static_cast<socklen_t>(len)) == 0);
	CHECK(b.pass() == 0);
	REQUIRE(rec.accepted.size() == 1);
	CHECK(rec.accepted[0].peer_len == sizeof(sa_family_t));
	CHECK(rec.accepted[0].peer.ss_family == AF_UNIX);
	close(client);
	evconnlistener_free(lev);
}

TEST_CASE("NULL listeners are refused with a warning", "[listener]")
{
	LogCapture logs;
	CHECK(evconnlistener_enable(nullptr) == -1);
	CHECK(evconnlistener_disable(nullptr) == -1);
	CHECK(evconnlistener_get_fd(nullptr) == -1);
	CHECK(evconnlistener_get_base(nullptr) == nullptr);
	evconnlistener_set_cb(nullptr, record, nullptr);
	evconnlistener_set_error_cb(nullptr, record_error);
	evconnlistener_free(nullptr);
	REQUIRE(logged.size() == 7);
	for (const auto &entry : logged)
		CHECK(entry.first == EVENT_LOG_WARN);
}
