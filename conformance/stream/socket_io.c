/* Socket bufferevents over socketpair(): the write callback on enable,
 * frozen buffers, read sizes per callback, read watermarks (low: no
 * callback below it; high: reading suspended and resumed), EOF and ERROR
 * reports, disable/enable. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct event_base *base;
static int reads;
static size_t drain_each = (size_t)-1;

static void on_log(int sev, const char *msg) { (void)msg; printf("log severity %d\n", sev); }

static void readcb(struct bufferevent *b, void *arg)
{
	struct evbuffer *in = bufferevent_get_input(b);
	++reads;
	printf("%s readcb len=%zu\n", (const char *)arg, evbuffer_get_length(in));
	if (drain_each != (size_t)-1)
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

static void fill(int fd, size_t n)
{
	static char buf[65536];
	memset(buf, 'x', sizeof buf);
	while (n) {
		size_t k = n < sizeof buf ? n : sizeof buf;
		ssize_t w = write(fd, buf, k);
		if (w <= 0)
			break;
		n -= (size_t)w;
	}
}

int main(void)
{
	int sv[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	event_set_log_callback(on_log);
	base = event_base_new();

	/* Defaults and the write callback that enabling writing triggers. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct bufferevent *b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	printf("enabled=%d fd-matches=%d base=%d underlying=%d\n", bufferevent_get_enabled(b),
	       bufferevent_getfd(b) == sv[0], bufferevent_get_base(b) == base, bufferevent_get_underlying(b) == NULL);
	size_t lo = 7, hi = 7;
	int wr = bufferevent_getwatermark(b, EV_READ, &lo, &hi);
	printf("getwatermark read=%d lo=%zu hi=%zu\n", wr, lo, hi);
	printf("getwatermark both=%d\n", bufferevent_getwatermark(b, EV_READ | EV_WRITE, &lo, &hi));
	printf("max single read=%ld write=%ld\n", (long)bufferevent_get_max_single_read(b),
	       (long)bufferevent_get_max_single_write(b));
	printf("add to input=%d\n", evbuffer_add(bufferevent_get_input(b), "x", 1));
	printf("flush=%d\n", bufferevent_flush(b, EV_READ | EV_WRITE, BEV_FLUSH));
	bufferevent_setcb(b, readcb, writecb, eventcb, "a");
	bufferevent_enable(b, EV_READ | EV_WRITE);
	printf("enabled=%d\n", bufferevent_get_enabled(b));
	pass();
	puts("-- write");
	bufferevent_write(b, "hello", 5);
	pass();
	char got[16] = {0};
	printf("peer read=%zd\n", read(sv[1], got, sizeof got));

	/* Read sizes per callback. */
	puts("-- big read");
	fill(sv[1], 70000);
	pass();
	printf("reads=%d\n", reads);

	/* Low watermark: no callback until 10 bytes are in. */
	puts("-- low watermark");
	evbuffer_drain(bufferevent_get_input(b), evbuffer_get_length(bufferevent_get_input(b)));
	drain_each = 0;
	bufferevent_setwatermark(b, EV_READ, 10, 0);
	fill(sv[1], 4);
	pass();
	fill(sv[1], 4);
	pass();
	fill(sv[1], 4);
	pass();

	/* High watermark: reads stop at 20 bytes; while the input stays full
	 * the read callback comes again each pass; draining resumes reading. */
	puts("-- high watermark");
	evbuffer_drain(bufferevent_get_input(b), 100);
	bufferevent_setwatermark(b, EV_READ, 0, 20);
	int r = bufferevent_getwatermark(b, EV_READ, &lo, &hi);
	printf("getwatermark read=%d lo=%zu hi=%zu\n", r, lo, hi);
	drain_each = 7;
	fill(sv[1], 50);
	pass();
	drain_each = 0;
	puts("lower the watermark under the data");
	evbuffer_drain(bufferevent_get_input(b), 1000);
	bufferevent_setwatermark(b, EV_READ, 0, 0);
	fill(sv[1], 30);
	pass();
	bufferevent_setwatermark(b, EV_READ, 0, 10);
	fill(sv[1], 5);
	pass();
	puts("drain 25");
	drain_each = 4;
	evbuffer_drain(bufferevent_get_input(b), 25);
	pass();
	bufferevent_setwatermark(b, EV_READ, 0, 0);
	evbuffer_drain(bufferevent_get_input(b), 1000);
	drain_each = 0;

	/* Disable reading: nothing more arrives until enabled again. */
	puts("-- disable");
	drain_each = (size_t)-1;
	bufferevent_disable(b, EV_READ);
	printf("enabled=%d\n", bufferevent_get_enabled(b));
	fill(sv[1], 3);
	pass();
	bufferevent_enable(b, EV_READ);
	pass();

	/* Write watermark: write callback only when output is at most 2 bytes. */
	puts("-- write watermark");
	bufferevent_setwatermark(b, EV_WRITE, 2, 0);
	bufferevent_write(b, "abcdef", 6);
	pass();
	printf("peer read=%zd\n", read(sv[1], got, sizeof got));

	/* EOF: the peer closes. */
	puts("-- eof");
	close(sv[1]);
	pass();
	printf("enabled=%d\n", bufferevent_get_enabled(b));
	/* Writing to the closed peer is an error. */
	puts("-- write error");
	bufferevent_write(b, "zz", 2);
	pass();
	printf("enabled=%d\n", bufferevent_get_enabled(b));
	bufferevent_free(b);
	pass();

	/* A socket bufferevent without descriptor. */
	puts("-- no fd");
	b = bufferevent_socket_new(base, -1, 0);
	printf("getfd=%d\n", bufferevent_getfd(b));
	printf("enable=%d\n", bufferevent_enable(b, EV_READ));
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	bufferevent_setcb(b, readcb, writecb, eventcb, "c");
	printf("setfd=%d\n", bufferevent_setfd(b, sv[0]));
	printf("matches=%d\n", bufferevent_getfd(b) == sv[0]);
	printf("add to input after setfd=%d\n", evbuffer_add(bufferevent_get_input(b), "y", 1));
	write(sv[1], "q", 1);
	pass();
	bufferevent_free(b);
	pass();
	printf("fd still open=%d\n", write(sv[0], "k", 1) == 1);
	close(sv[0]);
	close(sv[1]);
	event_base_free(base);
	return 0;
}
