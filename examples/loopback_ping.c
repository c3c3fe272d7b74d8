/*
 * loopback_ping: a TCP server and client in one process, driven by one
 * event_base. The client sends numbered pings, the server answers each with
 * a pong, a timer reports progress, and the program stops by itself after
 * the last pong (or fails after a 10 s watchdog). Written against the plain
 * libevent 2.1 API, so it builds unchanged against upstream or evcxx.
 */
#include <event2/event.h>
#include <event2/util.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ROUNDS 1000

struct peer {
	evutil_socket_t fd;
	struct event *readable;
	char buf[64];
	size_t have;
	int count;
};

static struct peer server_side, client_side;
static struct event_base *base;

static int send_line(evutil_socket_t fd, const char *word, int n)
{
	char line[32];
	int len = snprintf(line, sizeof line, "%s %d\n", word, n);
	return send(fd, line, (size_t)len, 0) == len ? 0 : -1;
}

/* Read what arrived; call `on_line` for each complete line. */
static void drain(struct peer *p, void (*on_line)(struct peer *, int))
{
	for (;;) {
		ssize_t n = recv(p->fd, p->buf + p->have, sizeof p->buf - p->have, 0);
		if (n <= 0) {
			if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
				return;
			event_del(p->readable);
			return;
		}
		p->have += (size_t)n;
		char *nl;
		while ((nl = memchr(p->buf, '\n', p->have)) != NULL) {
			*nl = '\0';
			on_line(p, atoi(strchr(p->buf, ' ') + 1));
			size_t used = (size_t)(nl + 1 - p->buf);
			memmove(p->buf, nl + 1, p->have - used);
			p->have -= used;
		}
	}
}

static void server_line(struct peer *p, int n)
{
	p->count++;
	send_line(p->fd, "pong", n);
}

static void client_line(struct peer *p, int n)
{
	if (n != p->count) {
		fprintf(stderr, "out of order pong %d (expected %d)\n", n, p->count);
		exit(1);
	}
	if (++p->count == ROUNDS)
		event_base_loopexit(base, NULL);
	else
		send_line(p->fd, "ping", p->count);
}

static void on_server_readable(evutil_socket_t fd, short what, void *arg)
{
	(void)fd; (void)what;
	drain(arg, server_line);
}

static void on_client_readable(evutil_socket_t fd, short what, void *arg)
{
	(void)fd; (void)what;
	drain(arg, client_line);
}

static void on_progress(evutil_socket_t fd, short what, void *arg)
{
	(void)fd; (void)what; (void)arg;
	printf("progress: %d pongs\n", client_side.count);
}

static void on_watchdog(evutil_socket_t fd, short what, void *arg)
{
	(void)fd; (void)what; (void)arg;
	fprintf(stderr, "watchdog: stuck after %d pongs\n", client_side.count);
	exit(1);
}

static void on_accept(evutil_socket_t listener, short what, void *arg)
{
	(void)what; (void)arg;
	evutil_socket_t fd = accept(listener, NULL, NULL);
	if (fd < 0)
		return;
	evutil_make_socket_nonblocking(fd);
	server_side.fd = fd;
	server_side.readable = event_new(base, fd, EV_READ | EV_PERSIST, on_server_readable, &server_side);
	event_add(server_side.readable, NULL);
}

/* Which libevent_core this process really runs on (proof for the demo). */
static void print_mapped_core(void)
{
	char line[512];
	FILE *maps = fopen("/proc/self/maps", "r");
	while (maps && fgets(line, sizeof line, maps)) {
		char *path = strchr(line, '/');
		if (path && strstr(path, "libevent_core")) {
			printf("mapped: %s", path);
			break;
		}
	}
	if (maps)
		fclose(maps);
}

int main(void)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	base = event_base_new();
	if (!base)
		return 1;
	printf("libevent %s, backend %s\n", event_get_version(), event_base_get_method(base));
	print_mapped_core();

	evutil_socket_t listener = socket(AF_INET, SOCK_STREAM, 0);
	evutil_make_listen_socket_reuseable(listener);
	if (bind(listener, (struct sockaddr *)&sin, sizeof sin) < 0 || listen(listener, 8) < 0 ||
	    getsockname(listener, (struct sockaddr *)&sin, &len) < 0) {
		perror("listen");
		return 1;
	}
	evutil_make_socket_nonblocking(listener);
	struct event *accepting = event_new(base, listener, EV_READ | EV_PERSIST, on_accept, NULL);
	event_add(accepting, NULL);

	client_side.fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(client_side.fd, (struct sockaddr *)&sin, sizeof sin) < 0) {
		perror("connect");
		return 1;
	}
	evutil_make_socket_nonblocking(client_side.fd);
	client_side.readable = event_new(base, client_side.fd, EV_READ | EV_PERSIST, on_client_readable, &client_side);
	event_add(client_side.readable, NULL);

	struct timeval every = {0, 100000}, limit = {10, 0};
	struct event *progress = event_new(base, -1, EV_PERSIST, on_progress, NULL);
	struct event *watchdog = evtimer_new(base, on_watchdog, NULL);
	event_add(progress, &every);
	event_add(watchdog, &limit);

	send_line(client_side.fd, "ping", 0);
	event_base_dispatch(base);

	printf("done: %d pings answered, server saw %d\n", client_side.count, server_side.count);
	event_free(progress);
	event_free(watchdog);
	event_free(accepting);
	event_free(client_side.readable);
	event_free(server_side.readable);
	evutil_closesocket(client_side.fd);
	evutil_closesocket(server_side.fd);
	evutil_closesocket(listener);
	event_base_free(base);
	return client_side.count == ROUNDS ? 0 : 1;
}
