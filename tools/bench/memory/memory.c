/* Memory per event and per connection: the bytes a library keeps allocated
 * for N objects, counted through event_set_mem_functions (upstream and
 * evcxx route all their allocations through it), divided by N. Prints one
 * line per probe: impl, name, unit, bytes per unit, allocations per unit.
 *   timer:       event_new + event_add with a random 1-2 s timeout
 *   io-event:    event_new + event_add of EV_READ|EV_PERSIST on each end
 *                of socketpairs (every fd watched, as in a server)
 *   bufferevent: one end of a socketpair as a socket bufferevent, reading
 *                and writing, after 100 bytes went each way */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef BENCH_IMPL
#define BENCH_IMPL "?"
#endif

/* A header in front of each block remembers its size. */
#define HEADER 16
static long long live_bytes, live_blocks;

static void *counting_malloc(size_t n)
{
	char *p = malloc(n + HEADER);
	if (!p)
		return NULL;
	memcpy(p, &n, sizeof n);
	live_bytes += (long long)n;
	live_blocks++;
	return p + HEADER;
}

static void counting_free(void *q)
{
	if (!q)
		return;
	char *p = (char *)q - HEADER;
	size_t n;
	memcpy(&n, p, sizeof n);
	live_bytes -= (long long)n;
	live_blocks--;
	free(p);
}

static void *counting_realloc(void *q, size_t n)
{
	if (!q)
		return counting_malloc(n);
	char *p = (char *)q - HEADER;
	size_t old;
	memcpy(&old, p, sizeof old);
	char *grown = realloc(p, n + HEADER);
	if (!grown)
		return NULL;
	memcpy(grown, &n, sizeof n);
	live_bytes += (long long)n - (long long)old;
	return grown + HEADER;
}

static void fail(const char *what)
{
	fprintf(stderr, "memory: %s failed\n", what);
	exit(1);
}

static void report(const char *name, const char *unit, long long bytes, long long blocks, int n)
{
	printf("%s\t%s\t%s\t%.1f\t%.2f\n", BENCH_IMPL, name, unit, (double)bytes / n, (double)blocks / n);
}

static void on_event(evutil_socket_t fd, short what, void *arg) { (void)fd, (void)what, (void)arg; }

static void probe_timers(int n)
{
	struct event_base *base = event_base_new();
	struct event **evs = calloc((size_t)n, sizeof *evs);
	if (!base || !evs)
		fail("timer setup");
	long long bytes = live_bytes, blocks = live_blocks;
	for (int i = 0; i < n; i++) {
		struct timeval tv = {1, rand() % 1000000};
		if (!(evs[i] = event_new(base, -1, 0, on_event, NULL)) || event_add(evs[i], &tv) != 0)
			fail("timer");
	}
	report("timer", "event", live_bytes - bytes, live_blocks - blocks, n);
	for (int i = 0; i < n; i++)
		event_free(evs[i]);
	free(evs);
	event_base_free(base);
}

static void probe_io(int n)
{
	struct event_base *base = event_base_new();
	struct event **evs = calloc((size_t)n, sizeof *evs);
	int *fds = calloc((size_t)n, sizeof *fds);
	if (!base || !evs || !fds)
		fail("io setup");
	for (int i = 0; i < n; i += 2)
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, &fds[i]) != 0)
			fail("socketpair");
	long long bytes = live_bytes, blocks = live_blocks;
	for (int i = 0; i < n; i++)
		if (!(evs[i] = event_new(base, fds[i], EV_READ | EV_PERSIST, on_event, NULL)) ||
		    event_add(evs[i], NULL) != 0)
			fail("io event");
	report("io-event", "event", live_bytes - bytes, live_blocks - blocks, n);
	for (int i = 0; i < n; i++) {
		event_free(evs[i]);
		close(fds[i]);
	}
	free(evs);
	free(fds);
	event_base_free(base);
}

static void on_read(struct bufferevent *bev, void *arg)
{
	(void)arg;
	char buf[128];
	bufferevent_read(bev, buf, sizeof buf);
}

static void probe_bufferevents(int n)
{
	struct event_base *base = event_base_new();
	struct bufferevent **bevs = calloc((size_t)n * 2, sizeof *bevs);
	if (!base || !bevs)
		fail("bufferevent setup");
	long long bytes = live_bytes, blocks = live_blocks;
	for (int i = 0; i < n; i++) {
		int fd[2];
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fd) != 0)
			fail("socketpair");
		for (int k = 0; k < 2; k++) {
			struct bufferevent *bev = bufferevent_socket_new(base, fd[k], BEV_OPT_CLOSE_ON_FREE);
			if (!bev)
				fail("bufferevent_socket_new");
			bufferevent_setcb(bev, on_read, NULL, NULL, NULL);
			bufferevent_enable(bev, EV_READ | EV_WRITE);
			bufferevent_write(bev, "0123456789012345678901234567890123456789012345678901234567890123456789"
			                       "012345678901234567890123456789", 100);
			bevs[2 * i + k] = bev;
		}
	}
	/* Let every message arrive and be read. */
	for (int pass = 0; pass < 4; pass++)
		event_base_loop(base, EVLOOP_NONBLOCK);
	report("bufferevent", "connection", live_bytes - bytes, live_blocks - blocks, 2 * n);
	for (int i = 0; i < 2 * n; i++)
		bufferevent_free(bevs[i]);
	free(bevs);
	event_base_free(base);
}

int main(int argc, char **argv)
{
	int smoke = argc > 1 && strcmp(argv[1], "--smoke") == 0;
	event_set_mem_functions(counting_malloc, counting_realloc, counting_free);
	srand(1);
	probe_timers(smoke ? 100 : 10000);
	probe_io(smoke ? 10 : 400);
	probe_bufferevents(smoke ? 10 : 200);
	return 0;
}
