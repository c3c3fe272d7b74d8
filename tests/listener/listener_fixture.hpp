// Shared pieces of the [listener] tests: loopback sockets and a recorder
// of what a listener's callbacks saw.
#pragma once
#include <event2/event.h>
#include <event2/listener.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <vector>

namespace listener_test {

sockaddr_in loopback(uint16_t port = 0);
sockaddr_in local_address(int fd);
// A non-blocking TCP socket bound to a free loopback port, not listening.
int bound_socket();
// A blocking client connected to `to` (the connection waits in the backlog).
int connect_to(const sockaddr_in &to);
bool is_nonblocking(int fd);
bool is_cloexec(int fd);
bool is_open(int fd);
int sockopt(int fd, int level, int name);

struct Accepted {
	int fd;
	sockaddr_storage peer;
	int peer_len;
};

// Callback argument: every connection handed over, plus optional actions.
struct Recorder {
	std::vector<Accepted> accepted;
	int errors = 0;
	int last_error = 0;
	bool free_in_cb = false;
	bool disable_in_cb = false;
	bool disable_in_errorcb = false;
	~Recorder();
};
void record(evconnlistener *lev, evutil_socket_t fd, sockaddr *sa, int len, void *arg);
void record_error(evconnlistener *lev, void *arg);

} // namespace listener_test
