/* Read/write timeouts of socket bufferevents (READING|TIMEOUT,
 * WRITING|TIMEOUT, the direction disabled afterwards, re-arming), timeouts
 * changed while pending, and the 1.x API: event_init + bufferevent_new +
 * bufferevent_base_set + bufferevent_settimeout, with the fields of struct
 * bufferevent (bufferevent_struct.h) read directly as tmux does. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_compat.h>
#include <event2/bufferevent_struct.h>
#include <event2/event.h>
#include <event2/event_compat.h>
#include <event2/event_struct.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct event_base *base;
static int events;

static void on_log(int sev, const char *msg) { (void)msg; printf("log severity %d\n", sev); }

static void readcb(struct bufferevent *b, void *arg)
{
	printf("%s readcb len=%zu\n", (const char *)arg, evbuffer_get_length(EVBUFFER_INPUT(b)));
	evbuffer_drain(EVBUFFER_INPUT(b), 1000);
}

static void writecb(struct bufferevent *b, void *arg)
{
	printf("%s writecb out=%zu\n", (const char *)arg, evbuffer_get_length(EVBUFFER_OUTPUT(b)));
}

static void eventcb(struct bufferevent *b, short what, void *arg)
{
	printf("%s eventcb 0x%x enabled=%d\n", (const char *)arg, what, b->enabled);
	if (++events >= 1)
		event_base_loopexit(base, NULL);
}

static void fill_socket(int fd)
{
	static char buf[65536];
	int sz = 4096;
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
	evutil_make_socket_nonblocking(fd);
	while (write(fd, buf, sizeof buf) > 0)
		;
}

int main(void)
{
	int sv[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_log_callback(on_log);

	puts("-- read timeout");
	base = event_base_new();
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct bufferevent *b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "rt");
	struct timeval tv = {0, 30000};
	printf("set_timeouts=%d\n", bufferevent_set_timeouts(b, &tv, NULL));
	printf("fields sec=%ld usec=%ld\n", (long)b->timeout_read.tv_sec, (long)b->timeout_read.tv_usec);
	printf("read pending before enable=%d\n", event_pending(&b->ev_read, EV_READ | EV_TIMEOUT, NULL));
	bufferevent_enable(b, EV_READ);
	printf("read pending=%d\n", event_pending(&b->ev_read, EV_READ | EV_TIMEOUT, NULL));
	write(sv[1], "x", 1);
	event_base_dispatch(base);
	printf("read pending after timeout=%d\n", event_pending(&b->ev_read, EV_READ | EV_TIMEOUT, NULL));
	puts("re-enable");
	events = 0;
	bufferevent_enable(b, EV_READ);
	event_base_dispatch(base);
	puts("clear the timeout while pending");
	bufferevent_enable(b, EV_READ);
	printf("set_timeouts=%d\n", bufferevent_set_timeouts(b, NULL, NULL));
	printf("read pending=%d timeout pending=%d\n", event_pending(&b->ev_read, EV_READ, NULL),
	       event_pending(&b->ev_read, EV_TIMEOUT, NULL));

	puts("-- write timeout");
	events = 0;
	fill_socket(sv[0]);
	bufferevent_set_timeouts(b, NULL, &tv);
	bufferevent_write(b, "more", 4);
	printf("write pending=%d\n", event_pending(&b->ev_write, EV_WRITE | EV_TIMEOUT, NULL));
	event_base_dispatch(base);
	printf("write pending after timeout=%d enabled=%d\n", event_pending(&b->ev_write, EV_WRITE, NULL), b->enabled);
	bufferevent_free(b);
	close(sv[1]);
	event_base_free(base);

	puts("-- legacy API");
	base = event_init();
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_new(sv[0], readcb, writecb, eventcb, "old");
	printf("ev_base null=%d get_base null=%d\n", b->ev_base == NULL, bufferevent_get_base(b) == NULL);
	printf("ev_read base is current=%d fd=%d events=0x%x\n", event_get_base(&b->ev_read) == base,
	       b->ev_read.ev_fd == sv[0], b->ev_read.ev_events);
	printf("ev_write fd=%d events=0x%x\n", b->ev_write.ev_fd == sv[0], b->ev_write.ev_events);
	printf("input=%d output=%d\n", b->input == bufferevent_get_input(b), b->output == bufferevent_get_output(b));
	printf("readcb=%d writecb=%d errorcb=%d cbarg=%s\n", b->readcb == readcb, b->writecb == writecb,
	       b->errorcb == eventcb, (const char *)b->cbarg);
	printf("enabled=%d wm_read=%zu/%zu wm_write=%zu/%zu\n", b->enabled, b->wm_read.low, b->wm_read.high,
	       b->wm_write.low, b->wm_write.high);
	printf("be_ops set=%d\n", b->be_ops != NULL);
	printf("base_set=%d\n", bufferevent_base_set(base, b));
	printf("ev_base is base=%d\n", b->ev_base == base);
	bufferevent_setwatermark(b, EV_READ | EV_WRITE, 3, 30);
	printf("wm_read=%zu/%zu wm_write=%zu/%zu\n", b->wm_read.low, b->wm_read.high, b->wm_write.low, b->wm_write.high);
	bufferevent_setwatermark(b, EV_READ | EV_WRITE, 0, 0);
	bufferevent_settimeout(b, 2, 0);
	printf("timeouts read=%ld/%ld write=%ld/%ld\n", (long)b->timeout_read.tv_sec, (long)b->timeout_read.tv_usec,
	       (long)b->timeout_write.tv_sec, (long)b->timeout_write.tv_usec);
	bufferevent_settimeout(b, 0, 0);
	printf("timeouts cleared=%d\n", !evutil_timerisset(&b->timeout_read) && !evutil_timerisset(&b->timeout_write));
	bufferevent_enable(b, EV_READ);
	printf("enabled=%d ev_read pending=%d\n", b->enabled, event_pending(&b->ev_read, EV_READ, NULL));
	write(sv[1], "legacy", 6);
	event_loop(EVLOOP_NONBLOCK);
	bufferevent_write(b, "out", 3);
	event_loop(EVLOOP_NONBLOCK);
	char buf[8];
	printf("peer got %zd\n", read(sv[1], buf, sizeof buf));
	events = 0;
	bufferevent_settimeout(b, 0, 0);
	struct timeval tiny = {0, 20000};
	bufferevent_set_timeouts(b, &tiny, NULL);
	event_dispatch();
	bufferevent_free(b);
	close(sv[1]);
	event_loop(EVLOOP_NONBLOCK);
	event_base_free(base);
	return 0;
}
