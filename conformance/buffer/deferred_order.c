/* Deferred evbuffer callbacks and other events in one loop pass: at most 33
 * deferred runs queued in a pass go to the current pass; the others wait for
 * the next one, after events activated meanwhile. */
#include <event2/buffer.h>
#include <event2/event.h>
#include <stdio.h>

#define NBUFS 40

static void buffer_cb(struct evbuffer *b, const struct evbuffer_cb_info *info, void *arg)
{
	(void)b;
	printf("buffer %ld added %zu\n", (long)arg, info->n_added);
}

static void event_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	printf("active event %s\n", (const char *)arg);
}

int main(void)
{
	struct evbuffer *b[NBUFS];
	struct event_base *base;
	struct event *t;
	long i;
	setvbuf(stdout, NULL, _IOLBF, 0);
	base = event_base_new();
	for (i = 0; i < NBUFS; ++i) {
		b[i] = evbuffer_new();
		evbuffer_defer_callbacks(b[i], base);
		evbuffer_add_cb(b[i], buffer_cb, (void *)i);
	}
	puts("-- before the loop");
	for (i = 0; i < NBUFS; ++i)
		evbuffer_add(b[i], "x", 1);
	t = event_new(base, -1, 0, event_cb, "one");
	event_active(t, EV_TIMEOUT, 1);
	event_base_loop(base, EVLOOP_NONBLOCK);
	puts("-- a second round, twice per buffer");
	for (i = 0; i < NBUFS; ++i)
		evbuffer_add(b[i], "yy", 2);
	event_assign(t, base, -1, 0, event_cb, "two");
	event_active(t, EV_TIMEOUT, 1);
	for (i = 0; i < NBUFS; ++i)
		evbuffer_add(b[i], "z", 1);
	event_base_loop(base, EVLOOP_NONBLOCK);
	for (i = 0; i < NBUFS; ++i)
		evbuffer_free(b[i]);
	event_free(t);
	event_base_free(base);
	return 0;
}
