/* Deferred callbacks and other events in one loop pass: upstream runs at
 * most 33 deferred bufferevent callbacks queued in a pass at once; later
 * ones wait for the next pass, after events activated meanwhile. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <stdio.h>

#define NPAIRS 40

static void readcb(struct bufferevent *b, void *arg)
{
	(void)b;
	printf("read %ld\n", (long)arg);
}

static void timer_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	printf("active event %s\n", (const char *)arg);
}

int main(void)
{
	struct bufferevent *p[NPAIRS][2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct event_base *base = event_base_new();
	for (long i = 0; i < NPAIRS; ++i) {
		bufferevent_pair_new(base, 0, p[i]);
		bufferevent_setcb(p[i][1], readcb, NULL, NULL, (void *)i);
		bufferevent_enable(p[i][1], EV_READ);
	}
	puts("-- before the loop");
	for (int i = 0; i < NPAIRS; ++i)
		bufferevent_write(p[i][0], "x", 1);
	struct event *t = event_new(base, -1, 0, timer_cb, "one");
	event_active(t, EV_TIMEOUT, 1);
	event_base_loop(base, EVLOOP_NONBLOCK);
	puts("-- a second round");
	for (int i = 0; i < NPAIRS; ++i)
		bufferevent_write(p[i][0], "y", 1);
	event_assign(t, base, -1, 0, timer_cb, "two");
	event_active(t, EV_TIMEOUT, 1);
	event_base_loop(base, EVLOOP_NONBLOCK);
	for (int i = 0; i < NPAIRS; ++i) {
		bufferevent_free(p[i][0]);
		bufferevent_free(p[i][1]);
	}
	event_free(t);
	event_base_free(base);
	return 0;
}
