// Socket and descriptor helpers: the engine side of evutil's socket
// functions, also used by the loop's notification and signal plumbing.
#pragma once

namespace evcxx::util {

// Set O_NONBLOCK / FD_CLOEXEC (only if not set yet). Return 0, or -1 with
// errno after logging a warning, as upstream does.
int make_nonblocking(int fd);
int make_cloexec(int fd);

// setsockopt() of a single int 1; return setsockopt()'s result.
int set_reuse_address(int fd); // SO_REUSEADDR
int set_reuse_port(int fd);    // SO_REUSEPORT
int set_ipv6_only(int fd);     // IPV6_V6ONLY
int set_defer_accept(int fd);  // TCP_DEFER_ACCEPT

int close_socket(int fd);

// socketpair(2): Linux provides it for AF_UNIX and refuses other families
// (EOPNOTSUPP), which is what upstream's Linux build passes on. type may
// carry SOCK_NONBLOCK | SOCK_CLOEXEC.
int socketpair(int family, int type, int protocol, int fds[2]);

} // namespace evcxx::util
