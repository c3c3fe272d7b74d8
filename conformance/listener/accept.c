/* evconnlistener: accepting, accepted-socket flags, peer addresses,
 * enable/disable, callbacks set and cleared, freeing inside a callback. */
#include <event2/event.h>
#include <event2/listener.h>
#include <event2/util.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int accepted;
static int free_in_cb, disable_in_cb;
static int clients[16];
static int nclients;

static void on_log(int severity, const char *msg)
{
	(void)msg;
	printf("log severity %d\n", severity);
}

static void on_accept(struct evconnlistener *lev, evutil_socket_t fd, struct sockaddr *sa, int len,
                      void *arg)
{
	++accepted;
	printf("accept #%d arg=%s family=%d len=%d nonblock=%d cloexec=%d\n", accepted,
	       (const char *)arg, sa->sa_family, len, !!(fcntl(fd, F_GETFL) & O_NONBLOCK),
	       !!(fcntl(fd, F_GETFD) & FD_CLOEXEC));
	if (sa->sa_family == AF_INET) {
		struct sockaddr_in peer;
		socklen_t plen = sizeof peer;
		int match = 0;
		for (int i = 0; i < nclients; ++i) {
			getsockname(clients[i], (struct sockaddr *)&peer, &plen);
			if (peer.sin_port == ((struct sockaddr_in *)sa)->sin_port)
				match = i + 1;
		}
		printf("  peer is client %d\n", match);
	}
	close(fd);
	if (disable_in_cb)
		printf("  disable -> %d\n", evconnlistener_disable(lev));
	if (free_in_cb) {
		evconnlistener_free(lev);
		printf("  freed\n");
	}
}

static struct sockaddr_in listen_address(struct evconnlistener *lev)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	getsockname(evconnlistener_get_fd(lev), (struct sockaddr *)&sin, &len);
	return sin;
}

static void connect_clients(struct evconnlistener *lev, int n)
{
	struct sockaddr_in at = listen_address(lev);
	for (int i = 0; i < n; ++i) {
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(c, (struct sockaddr *)&at, sizeof at) != 0)
			printf("connect failed\n");
		clients[nclients++] = c;
	}
}

static int peer_closed(int c)
{
	char ch;
	return read(c, &ch, 1) == 0;
}

static void pass(struct event_base *base, const char *what)
{
	int before = accepted;
	int r = event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK);
	printf("%s: loop=%d accepted %d\n", what, r, accepted - before);
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

	/* Every queued connection in one pass. */
	struct evconnlistener *lev = evconnlistener_new_bind(
	    base, on_accept, "a", LEV_OPT_CLOSE_ON_FREE, -1, (struct sockaddr *)&sin, sizeof sin);
	printf("new_bind ok=%d base ok=%d\n", lev != NULL, evconnlistener_get_base(lev) == base);
	connect_clients(lev, 4);
	pass(base, "four queued");

	/* Disabled, then enabled; disabling inside the callback. */
	printf("disable -> %d\n", evconnlistener_disable(lev));
	connect_clients(lev, 3);
	pass(base, "disabled");
	printf("enable -> %d\n", evconnlistener_enable(lev));
	disable_in_cb = 1;
	pass(base, "disable in cb");
	disable_in_cb = 0;
	printf("enable -> %d\n", evconnlistener_enable(lev));
	pass(base, "enabled again");

	/* New callback argument; then no callback while reading. */
	evconnlistener_set_cb(lev, on_accept, "b");
	connect_clients(lev, 1);
	pass(base, "new arg");
	evconnlistener_set_cb(lev, NULL, NULL);
	connect_clients(lev, 2);
	int first = nclients - 2;
	pass(base, "no cb 1");
	printf("  client closed: %d\n", peer_closed(clients[first]));
	pass(base, "no cb 2");
	printf("  client closed: %d\n", peer_closed(clients[first + 1]));
	pass(base, "no cb 3");
	evconnlistener_set_cb(lev, on_accept, "c");
	connect_clients(lev, 1);
	pass(base, "cb back");

	/* Free inside the callback with connections still queued. */
	free_in_cb = 1;
	connect_clients(lev, 2);
	int lfd = evconnlistener_get_fd(lev);
	pass(base, "free in cb");
	printf("listening fd closed: %d\n", fcntl(lfd, F_GETFD) < 0);
	free_in_cb = 0;
	printf("dispatch with nothing -> %d\n", event_base_dispatch(base));

	/* Flags on accepted sockets; created disabled; no callback at first. */
	lev = evconnlistener_new_bind(base, NULL, NULL,
	                              LEV_OPT_CLOSE_ON_FREE | LEV_OPT_LEAVE_SOCKETS_BLOCKING |
	                                  LEV_OPT_CLOSE_ON_EXEC | LEV_OPT_DISABLED,
	                              16, (struct sockaddr *)&sin, sizeof sin);
	connect_clients(lev, 1);
	pass(base, "created disabled");
	evconnlistener_set_cb(lev, on_accept, "d");
	pass(base, "cb on disabled");
	printf("enable -> %d\n", evconnlistener_enable(lev));
	pass(base, "enabled");
	evconnlistener_free(lev);

	/* Enabled without callback: nothing registered until one is set. */
	lev = evconnlistener_new_bind(base, NULL, NULL, LEV_OPT_CLOSE_ON_FREE, -1,
	                              (struct sockaddr *)&sin, sizeof sin);
	connect_clients(lev, 1);
	pass(base, "enabled, no cb");
	printf("enable -> %d\n", evconnlistener_enable(lev));
	pass(base, "enable, no cb");
	evconnlistener_set_cb(lev, on_accept, "e");
	pass(base, "cb set");
	evconnlistener_free(lev);

	/* AF_UNIX (abstract name): the peer address is just the family. */
	struct sockaddr_un un;
	memset(&un, 0, sizeof un);
	un.sun_family = AF_UNIX;
	memcpy(un.sun_path, "\0evcxx-conf-listener", 20);
	int unlen = (int)(offsetof(struct sockaddr_un, sun_path) + 20);
	lev = evconnlistener_new_bind(base, on_accept, "u", LEV_OPT_CLOSE_ON_FREE, -1,
	                              (struct sockaddr *)&un, unlen);
	int uc = socket(AF_UNIX, SOCK_STREAM, 0);
	printf("unix connect -> %d\n", connect(uc, (struct sockaddr *)&un, (socklen_t)unlen));
	pass(base, "unix");
	close(uc);
	evconnlistener_free(lev);

	for (int i = 0; i < nclients; ++i)
		close(clients[i]);
	event_base_free(base);
	return 0;
}
