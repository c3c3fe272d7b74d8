/* bufferevent_filter_new over a socket bufferevent and over a pair:
 * an input filter that passes whole lines only (BEV_NEED_MORE otherwise),
 * an upper-casing output filter, the flush modes the filters are given,
 * BEV_ERROR, the underlying bufferevent's callbacks taken over and given
 * back, close-on-free, free_context, timeouts and fd pass-through. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct event_base *base;
static int fail_output;

static void on_log(int sev, const char *msg) { (void)msg; printf("log severity %d\n", sev); }

static const char *mode_name(enum bufferevent_flush_mode m)
{
	return m == BEV_NORMAL ? "normal" : m == BEV_FLUSH ? "flush" : "finished";
}

static enum bufferevent_filter_result lines_in(struct evbuffer *src, struct evbuffer *dst, ev_ssize_t limit,
                                               enum bufferevent_flush_mode mode, void *ctx)
{
	size_t n;
	char *line = evbuffer_readln(src, &n, EVBUFFER_EOL_LF);
	printf("in-filter %s limit=%ld src=%zu ctx=%s -> %s\n", mode_name(mode), (long)limit,
	       evbuffer_get_length(src) + (line ? n + 1 : 0), (const char *)ctx, line ? "line" : "need more");
	if (!line)
		return BEV_NEED_MORE;
	evbuffer_add_printf(dst, "[%s]", line);
	free(line);
	return BEV_OK;
}

static enum bufferevent_filter_result upper_out(struct evbuffer *src, struct evbuffer *dst, ev_ssize_t limit,
                                                enum bufferevent_flush_mode mode, void *ctx)
{
	(void)ctx;
	printf("out-filter %s limit=%ld src=%zu\n", mode_name(mode), (long)limit, evbuffer_get_length(src));
	if (fail_output)
		return BEV_ERROR;
	char buf[256];
	int n;
	while ((n = evbuffer_remove(src, buf, sizeof buf)) > 0) {
		for (int i = 0; i < n; ++i)
			buf[i] = (char)toupper((unsigned char)buf[i]);
		evbuffer_add(dst, buf, (size_t)n);
	}
	return BEV_OK;
}

static void readcb(struct bufferevent *b, void *arg)
{
	char buf[128];
	size_t n = bufferevent_read(b, buf, sizeof buf - 1);
	buf[n] = 0;
	printf("%s readcb \"%s\"\n", (const char *)arg, buf);
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

static void free_ctx(void *ctx) { printf("free_context %s\n", (const char *)ctx); }

static void pass(void) { event_base_loop(base, EVLOOP_NONBLOCK); }

int main(void)
{
	int sv[2];
	char buf[128];
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_log_callback(on_log);
	base = event_base_new();

	puts("-- over a socket");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct bufferevent *u = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(u, readcb, writecb, eventcb, "under");
	struct bufferevent *f = bufferevent_filter_new(u, lines_in, upper_out, BEV_OPT_CLOSE_ON_FREE, free_ctx, "one");
	printf("filter=%d underlying=%d fd-matches=%d\n", f != NULL, bufferevent_get_underlying(f) == u,
	       bufferevent_getfd(f) == sv[0]);
	bufferevent_data_cb r, w;
	bufferevent_event_cb e;
	void *arg;
	bufferevent_getcb(u, &r, &w, &e, &arg);
	printf("underlying callbacks replaced=%d %d %d %d\n", r != readcb, w != writecb, e != eventcb, arg != (void *)"under");
	printf("enabled filter=%d under=%d\n", bufferevent_get_enabled(f), bufferevent_get_enabled(u));
	printf("base=%d priority_set=%d\n", bufferevent_get_base(f) == base, bufferevent_priority_set(f, 0));
	bufferevent_setcb(f, readcb, writecb, eventcb, "filter");
	puts("write");
	bufferevent_write(f, "hello", 5);
	printf("under out=%zu\n", evbuffer_get_length(bufferevent_get_output(u)));
	pass();
	ssize_t got = read(sv[1], buf, sizeof buf);
	printf("peer got %.*s\n", (int)got, buf);
	puts("partial line while not reading");
	write(sv[1], "abc", 3);
	pass();
	puts("enable reading");
	bufferevent_enable(f, EV_READ);
	pass();
	write(sv[1], "def\nxy", 6);
	pass();
	write(sv[1], "z\n", 2);
	pass();
	puts("flush modes");
	printf("flush read normal=%d\n", bufferevent_flush(f, EV_READ, BEV_NORMAL));
	printf("flush read flush=%d\n", bufferevent_flush(f, EV_READ, BEV_FLUSH));
	bufferevent_disable(f, EV_WRITE);
	bufferevent_write(f, "later", 5);
	printf("under out=%zu\n", evbuffer_get_length(bufferevent_get_output(u)));
	printf("flush write finished=%d\n", bufferevent_flush(f, EV_WRITE, BEV_FINISHED));
	printf("flush write finished, nothing left=%d\n", bufferevent_flush(f, EV_WRITE, BEV_FINISHED));
	pass();
	got = read(sv[1], buf, sizeof buf);
	printf("peer got %.*s\n", (int)got, buf);
	bufferevent_enable(f, EV_WRITE);
	puts("output filter error");
	fail_output = 1;
	bufferevent_write(f, "bad", 3);
	pass();
	fail_output = 0;
	puts("underlying event");
	close(sv[1]);
	pass();
	puts("free filter (close on free)");
	bufferevent_free(f);
	pass();

	puts("-- over a pair, no close on free");
	struct bufferevent *p[2];
	bufferevent_pair_new(base, 0, p);
	bufferevent_setcb(p[1], readcb, writecb, eventcb, "peer");
	bufferevent_enable(p[1], EV_READ);
	f = bufferevent_filter_new(p[0], NULL, upper_out, 0, free_ctx, "two");
	bufferevent_setcb(f, readcb, writecb, eventcb, "pf");
	bufferevent_enable(f, EV_READ);
	bufferevent_write(f, "quiet", 5);
	pass();
	bufferevent_write(p[1], "to filter", 9);
	pass();
	puts("timeout on the filter");
	struct timeval tv = {0, 20000};
	bufferevent_set_timeouts(f, &tv, NULL);
	event_base_dispatch(base);
	printf("filter enabled=%d\n", bufferevent_get_enabled(f));
	puts("free filter");
	bufferevent_free(f);
	pass();
	bufferevent_getcb(p[0], &r, &w, &e, &arg);
	printf("underlying callbacks cleared=%d %d %d %d\n", r == NULL, w == NULL, e == NULL, arg == NULL);
	bufferevent_setcb(p[0], readcb, writecb, eventcb, "p0");
	bufferevent_write(p[1], "direct", 6);
	pass();
	bufferevent_free(p[0]);
	bufferevent_free(p[1]);

	puts("-- null underlying");
	printf("filter_new(NULL)=%d\n", bufferevent_filter_new(NULL, NULL, NULL, 0, NULL, NULL) == NULL);
	pass();
	event_base_free(base);
	return 0;
}
