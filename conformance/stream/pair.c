/* bufferevent_pair_new: data moves from one end's output to the other's
 * input, callbacks are deferred to the loop, reading must be enabled,
 * read high watermark on the receiving end, flush modes (NORMAL, FLUSH,
 * FINISHED), timeouts, free of one end (the partner is told nothing),
 * get_partner, priority and fd queries. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <stdio.h>
#include <string.h>

static struct event_base *base;
static size_t drain_each = (size_t)-1;

static void on_log(int sev, const char *msg) { (void)msg; printf("log severity %d\n", sev); }

static void readcb(struct bufferevent *b, void *arg)
{
	struct evbuffer *in = bufferevent_get_input(b);
	printf("%s readcb len=%zu\n", (const char *)arg, evbuffer_get_length(in));
	evbuffer_drain(in, drain_each);
}

static void writecb(struct bufferevent *b, void *arg)
{
	printf("%s writecb out=%zu\n", (const char *)arg, evbuffer_get_length(bufferevent_get_output(b)));
}

static void eventcb(struct bufferevent *b, short what, void *arg)
{
	(void)b;
	printf("%s eventcb 0x%x\n", (const char *)arg, what);
}

static void pass(void) { event_base_loop(base, EVLOOP_NONBLOCK); }

int main(void)
{
	struct bufferevent *p[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_log_callback(on_log);
	base = event_base_new();

	printf("pair_new=%d\n", bufferevent_pair_new(base, 0, p));
	printf("partners=%d %d\n", bufferevent_pair_get_partner(p[0]) == p[1], bufferevent_pair_get_partner(p[1]) == p[0]);
	printf("enabled=%d fd=%d underlying=%d\n", bufferevent_get_enabled(p[0]), bufferevent_getfd(p[0]),
	       bufferevent_get_underlying(p[0]) == NULL);
	printf("priority_set=%d\n", bufferevent_priority_set(p[0], 0));
	printf("setfd=%d\n", bufferevent_setfd(p[0], 0));
	printf("add to input=%d\n", evbuffer_add(bufferevent_get_input(p[0]), "x", 1));
	bufferevent_setcb(p[0], readcb, writecb, eventcb, "A");
	bufferevent_setcb(p[1], readcb, writecb, eventcb, "B");

	puts("-- write before B reads");
	bufferevent_write(p[0], "hello", 5);
	printf("A out=%zu B in=%zu\n", evbuffer_get_length(bufferevent_get_output(p[0])),
	       evbuffer_get_length(bufferevent_get_input(p[1])));
	pass();
	puts("-- B enables reading");
	bufferevent_enable(p[1], EV_READ);
	printf("A out=%zu B in=%zu (callbacks pending)\n", evbuffer_get_length(bufferevent_get_output(p[0])),
	       evbuffer_get_length(bufferevent_get_input(p[1])));
	pass();
	puts("-- several writes, one pass");
	bufferevent_write(p[0], "ab", 2);
	bufferevent_write(p[0], "cd", 2);
	pass();

	puts("-- watermark on B: high 4");
	drain_each = 0;
	bufferevent_setwatermark(p[1], EV_READ, 0, 4);
	bufferevent_write(p[0], "0123456789", 10);
	printf("A out=%zu B in=%zu\n", evbuffer_get_length(bufferevent_get_output(p[0])),
	       evbuffer_get_length(bufferevent_get_input(p[1])));
	drain_each = 2;
	pass();
	printf("A out=%zu B in=%zu\n", evbuffer_get_length(bufferevent_get_output(p[0])),
	       evbuffer_get_length(bufferevent_get_input(p[1])));
	bufferevent_setwatermark(p[1], EV_READ, 0, 0);
	evbuffer_drain(bufferevent_get_input(p[1]), 100);
	pass();
	drain_each = (size_t)-1;

	puts("-- flush");
	bufferevent_disable(p[1], EV_READ);
	bufferevent_write(p[0], "xyz", 3);
	printf("flush normal=%d\n", bufferevent_flush(p[0], EV_WRITE, BEV_NORMAL));
	printf("B in=%zu\n", evbuffer_get_length(bufferevent_get_input(p[1])));
	printf("flush flush=%d\n", bufferevent_flush(p[0], EV_WRITE, BEV_FLUSH));
	printf("B in=%zu\n", evbuffer_get_length(bufferevent_get_input(p[1])));
	pass();
	printf("flush finished (write)=%d\n", bufferevent_flush(p[0], EV_WRITE, BEV_FINISHED));
	pass();
	printf("flush finished (read)=%d\n", bufferevent_flush(p[1], EV_READ, BEV_FINISHED));
	pass();
	evbuffer_drain(bufferevent_get_input(p[1]), 100);

	puts("-- timeouts");
	struct timeval tv = {0, 20000};
	bufferevent_enable(p[1], EV_READ);
	bufferevent_set_timeouts(p[1], &tv, NULL);
	event_base_dispatch(base);
	printf("B enabled=%d\n", bufferevent_get_enabled(p[1]));
	bufferevent_set_timeouts(p[1], NULL, NULL);

	puts("-- free A");
	bufferevent_free(p[0]);
	printf("B partner null=%d\n", bufferevent_pair_get_partner(p[1]) == NULL);
	pass();
	printf("B flush=%d\n", bufferevent_flush(p[1], EV_WRITE, BEV_FLUSH));
	printf("B write=%d\n", bufferevent_write(p[1], "lost", 4));
	pass();
	bufferevent_free(p[1]);
	pass();

	puts("-- options");
	printf("pair unlock without defer=%d\n", bufferevent_pair_new(base, BEV_OPT_UNLOCK_CALLBACKS, p));
	bufferevent_free(p[0]);
	bufferevent_free(p[1]);
	printf("pair threadsafe without locks=%d\n", bufferevent_pair_new(base, BEV_OPT_THREADSAFE, p));
	printf("pair close_on_free=%d\n", bufferevent_pair_new(base, BEV_OPT_CLOSE_ON_FREE, p));
	bufferevent_setcb(p[0], readcb, writecb, eventcb, "C");
	bufferevent_setcb(p[1], readcb, writecb, eventcb, "D");
	bufferevent_enable(p[0], EV_READ);
	bufferevent_enable(p[1], EV_READ);
	bufferevent_write(p[1], "back", 4);
	bufferevent_write(p[0], "forth", 5);
	pass();
	bufferevent_free(p[1]);
	bufferevent_free(p[0]);
	event_base_free(base);
	return 0;
}
