/* A filter with read high watermarks on itself and on its underlying
 * socket bufferevent: the limits the input filter gets, data left in the
 * underlying input while the filter input is full, resumed as the
 * application drains, and EOF at the end. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int n;
static struct event_base *base;
static void readcb(struct bufferevent *b, void *arg)
{
	printf("%s readcb len=%zu under-in=%zu\n", (char*)arg, evbuffer_get_length(bufferevent_get_input(b)),
	  bufferevent_get_underlying(b) ? evbuffer_get_length(bufferevent_get_input(bufferevent_get_underlying(b))) : 0);
	if (++n % 2 == 0) evbuffer_drain(bufferevent_get_input(b), 7);
	if (n > 30) event_base_loopbreak(base);
}
static void eventcb(struct bufferevent *b, short w, void *arg) { printf("%s event 0x%x\n", (char*)arg, w); }
static enum bufferevent_filter_result half(struct evbuffer *src, struct evbuffer *dst, ev_ssize_t lim, enum bufferevent_flush_mode m, void *c)
{
	size_t len = evbuffer_get_length(src);
	size_t take = len > 3 ? 3 : len;
	if (lim >= 0 && take > (size_t)lim) take = lim;
	printf("  filter lim=%ld src=%zu take=%zu mode=%d\n", (long)lim, len, take, m);
	if (!take) return BEV_NEED_MORE;
	evbuffer_remove_buffer(src, dst, take);
	return BEV_OK;
}
int main(void)
{
	int sv[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	base = event_base_new();
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct bufferevent *u = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	struct bufferevent *f = bufferevent_filter_new(u, half, NULL, BEV_OPT_CLOSE_ON_FREE, NULL, NULL);
	bufferevent_setcb(f, readcb, NULL, eventcb, "f");
	bufferevent_setwatermark(f, EV_READ, 0, 8);
	bufferevent_setwatermark(u, EV_READ, 0, 10);
	bufferevent_enable(f, EV_READ);
	char buf[40]; memset(buf, 'a', sizeof buf);
	write(sv[1], buf, sizeof buf);
	close(sv[1]);
	event_base_dispatch(base);
	bufferevent_free(f);
	event_base_free(base);
}
