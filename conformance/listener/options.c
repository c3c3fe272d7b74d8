/* evconnlistener construction: backlog handling, socket options per
 * LEV_OPT_*, rejected arguments, close-on-free, accept errors. */
#include <event2/event.h>
#include <event2/listener.h>
#include <event2/util.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void on_log(int severity, const char *msg)
{
	(void)msg;
	printf("log severity %d\n", severity);
}

static void on_accept(struct evconnlistener *lev, evutil_socket_t fd, struct sockaddr *sa, int len,
                      void *arg)
{
	(void)lev, (void)sa, (void)len, (void)arg;
	close(fd);
}

static int errors;
static void on_error(struct evconnlistener *lev, void *arg)
{
	(void)lev;
	printf("error cb: arg=%s errno is EINVAL: %d\n", (const char *)arg,
	       EVUTIL_SOCKET_ERROR() == EINVAL);
	++errors;
}

static int opt(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof v;
	getsockopt(fd, level, name, &v, &len);
	return v;
}

static void show_options(const char *what, struct evconnlistener *lev)
{
	if (!lev) {
		printf("%s: NULL\n", what);
		return;
	}
	int fd = evconnlistener_get_fd(lev);
	printf("%s: listening=%d keepalive=%d reuseaddr=%d reuseport=%d defer=%d nonblock=%d cloexec=%d\n",
	       what, opt(fd, SOL_SOCKET, SO_ACCEPTCONN), opt(fd, SOL_SOCKET, SO_KEEPALIVE),
	       opt(fd, SOL_SOCKET, SO_REUSEADDR), opt(fd, SOL_SOCKET, SO_REUSEPORT),
	       opt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT) > 0, !!(fcntl(fd, F_GETFL) & O_NONBLOCK),
	       !!(fcntl(fd, F_GETFD) & FD_CLOEXEC));
}

static int bound_socket(const struct sockaddr_in *sin)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	bind(fd, (const struct sockaddr *)sin, sizeof *sin);
	return fd;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_log_callback(on_log);
	struct event_base *base = event_base_new();
	struct sockaddr_in sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	const struct sockaddr *sa = (const struct sockaddr *)&sin;

	struct evconnlistener *lev = evconnlistener_new_bind(base, on_accept, NULL, 0, -1, sa, sizeof sin);
	show_options("plain", lev);
	int fd = evconnlistener_get_fd(lev);
	evconnlistener_free(lev);
	printf("  open after free without CLOSE_ON_FREE: %d\n", fcntl(fd, F_GETFD) >= 0);
	close(fd);

	lev = evconnlistener_new_bind(base, on_accept, NULL,
	                              LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE | LEV_OPT_REUSEABLE_PORT |
	                                  LEV_OPT_DEFERRED_ACCEPT | LEV_OPT_CLOSE_ON_EXEC | LEV_OPT_THREADSAFE,
	                              5, sa, sizeof sin);
	show_options("all", lev);
	fd = evconnlistener_get_fd(lev);
	evconnlistener_free(lev);
	printf("  open after free with CLOSE_ON_FREE: %d\n", fcntl(fd, F_GETFD) >= 0);

	show_options("backlog 0", evconnlistener_new_bind(base, on_accept, NULL, 0, 0, sa, sizeof sin));
	show_options("ipv6only on ipv4",
	             evconnlistener_new_bind(base, on_accept, NULL, LEV_OPT_BIND_IPV6ONLY, -1, sa, sizeof sin));
	show_options("bad socklen", evconnlistener_new_bind(base, on_accept, NULL, 0, -1, sa, 3));
	show_options("no address", evconnlistener_new_bind(base, on_accept, NULL, 0, -1, NULL, 0));
	struct sockaddr_un un;
	memset(&un, 0, sizeof un);
	un.sun_family = AF_UNIX;
	show_options("deferred on unix",
	             evconnlistener_new_bind(base, on_accept, NULL, LEV_OPT_DEFERRED_ACCEPT, -1,
	                                     (struct sockaddr *)&un, sizeof(sa_family_t)));

	/* evconnlistener_new and its backlog argument. */
	for (int backlog = -1; backlog <= 1; ++backlog) {
		fd = bound_socket(&sin);
		lev = evconnlistener_new(base, on_accept, NULL, LEV_OPT_CLOSE_ON_FREE, backlog, fd);
		printf("new backlog %d: ok=%d fd kept=%d listening=%d\n", backlog, lev != NULL,
		       evconnlistener_get_fd(lev) == fd, opt(fd, SOL_SOCKET, SO_ACCEPTCONN));
		evconnlistener_free(lev);
	}
	int p[2];
	if (pipe(p) == 0) {
		printf("new on a pipe: %s\n", evconnlistener_new(base, on_accept, NULL, 0, 4, p[0]) ? "ok" : "NULL");
		close(p[0]);
		close(p[1]);
	}

	/* accept() failing (a socket that never listened): the error callback,
	 * or a warning without one. One pass each. */
	fd = bound_socket(&sin);
	lev = evconnlistener_new(base, on_accept, "x", LEV_OPT_CLOSE_ON_FREE, 0, fd);
	evconnlistener_set_error_cb(lev, on_error);
	printf("loop -> %d\n", event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK));
	evconnlistener_free(lev);
	fd = bound_socket(&sin);
	lev = evconnlistener_new(base, on_accept, "y", LEV_OPT_CLOSE_ON_FREE, 0, fd);
	printf("loop -> %d\n", event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK));
	evconnlistener_free(lev);
	printf("errors=%d\n", errors);

	event_base_free(base);
	return 0;
}
