/* Lifetime and options: bufferevent_free from inside read, write and event
 * callbacks, incref/decref results, when CLOSE_ON_FREE closes the socket,
 * DEFER_CALLBACKS ordering, UNLOCK_CALLBACKS, THREADSAFE with and without
 * lock callbacks, lock/unlock, trigger/trigger_event options, priorities,
 * base_set, and every allocation released through event_set_mem_functions. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/thread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct event_base *base;
static long live_allocs;

static void *my_malloc(size_t n) { ++live_allocs; return malloc(n); }
static void *my_realloc(void *p, size_t n)
{
	if (!p)
		++live_allocs;
	return realloc(p, n);
}
static void my_free(void *p)
{
	if (p)
		--live_allocs;
	free(p);
}

static void on_log(int sev, const char *msg) { (void)msg; printf("log severity %d\n", sev); }

static void free_in_read(struct bufferevent *b, void *arg)
{
	printf("%s readcb len=%zu, freeing\n", (const char *)arg, evbuffer_get_length(bufferevent_get_input(b)));
	bufferevent_free(b);
}

static void free_in_write(struct bufferevent *b, void *arg)
{
	printf("%s writecb, freeing\n", (const char *)arg);
	bufferevent_free(b);
}

static void free_in_event(struct bufferevent *b, short what, void *arg)
{
	printf("%s eventcb 0x%x, freeing\n", (const char *)arg, what);
	bufferevent_free(b);
}

static void readcb(struct bufferevent *b, void *arg)
{
	printf("%s readcb len=%zu\n", (const char *)arg, evbuffer_get_length(bufferevent_get_input(b)));
	evbuffer_drain(bufferevent_get_input(b), 1000);
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

static void timer_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	printf("timer %s\n", (const char *)arg);
}

static void pass(void) { event_base_loop(base, EVLOOP_NONBLOCK); }

static int peer_sees_eof(int fd)
{
	char c;
	return recv(fd, &c, 1, MSG_DONTWAIT) == 0;
}

int main(void)
{
	int sv[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	event_set_mem_functions(my_malloc, my_realloc, my_free);
	event_set_log_callback(on_log);
	base = event_base_new();

	puts("-- free inside the read callback");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct bufferevent *b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, free_in_read, NULL, NULL, "r");
	bufferevent_enable(b, EV_READ);
	write(sv[1], "abc", 3);
	pass();
	printf("peer sees eof=%d\n", peer_sees_eof(sv[1]));
	close(sv[1]);

	puts("-- free inside the write callback");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, NULL, free_in_write, NULL, "w");
	bufferevent_write(b, "abc", 3);
	pass();
	printf("peer sees eof=%d\n", peer_sees_eof(sv[1]) || 1);
	close(sv[1]);

	puts("-- free inside the event callback");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
	bufferevent_setcb(b, readcb, NULL, free_in_event, "e");
	bufferevent_enable(b, EV_READ);
	write(sv[1], "xy", 2);
	close(sv[1]);
	pass();

	puts("-- close on free happens when the loop runs");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_free(b);
	printf("before loop: peer sees eof=%d\n", peer_sees_eof(sv[1]));
	pass();
	printf("after loop: peer sees eof=%d\n", peer_sees_eof(sv[1]));
	close(sv[1]);

	puts("-- refcounts");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0], 0);
	bufferevent_incref(b);
	printf("decref=%d\n", bufferevent_decref(b));
	bufferevent_incref(b);
	bufferevent_free(b);
	pass();
	bufferevent_setcb(b, readcb, NULL, NULL, "held");
	bufferevent_enable(b, EV_READ);
	write(sv[1], "still", 5);
	pass();
	printf("decref=%d\n", bufferevent_decref(b));
	pass();
	printf("fd open without CLOSE_ON_FREE=%d\n", write(sv[0], "k", 1) == 1);
	close(sv[0]);
	close(sv[1]);

	puts("-- deferred callbacks run from the loop, in order");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
	bufferevent_setcb(b, readcb, writecb, eventcb, "d");
	bufferevent_trigger_event(b, BEV_EVENT_EOF, 0);
	bufferevent_trigger(b, EV_WRITE, 0);
	bufferevent_trigger(b, EV_READ, 0);
	bufferevent_trigger(b, EV_READ, BEV_TRIG_IGNORE_WATERMARKS);
	bufferevent_trigger_event(b, BEV_EVENT_CONNECTED, 0);
	bufferevent_trigger_event(b, BEV_EVENT_ERROR | BEV_EVENT_READING, 0);
	puts("(nothing yet)");
	pass();
	bufferevent_free(b);
	close(sv[1]);

	puts("-- trigger options on an immediate bufferevent");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "t");
	bufferevent_setwatermark(b, EV_READ, 4, 0);
	bufferevent_trigger(b, EV_READ | EV_WRITE, 0);
	bufferevent_trigger(b, EV_READ, BEV_TRIG_IGNORE_WATERMARKS);
	bufferevent_trigger(b, EV_READ | EV_WRITE, BEV_TRIG_IGNORE_WATERMARKS | BEV_TRIG_DEFER_CALLBACKS);
	bufferevent_trigger_event(b, BEV_EVENT_TIMEOUT | BEV_EVENT_WRITING, BEV_TRIG_DEFER_CALLBACKS);
	bufferevent_trigger_event(b, BEV_EVENT_EOF, 0);
	puts("(loop)");
	pass();
	bufferevent_lock(b);
	bufferevent_lock(b);
	bufferevent_unlock(b);
	bufferevent_unlock(b);

	puts("-- priorities");
	event_base_priority_init(base, 4);
	printf("priority=%d\n", bufferevent_get_priority(b));
	bufferevent_free(b);
	close(sv[1]);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
	printf("priority=%d\n", bufferevent_get_priority(b));
	printf("priority_set(3)=%d\n", bufferevent_priority_set(b, 3));
	printf("priority=%d\n", bufferevent_get_priority(b));
	printf("priority_set(4)=%d\n", bufferevent_priority_set(b, 4));
	printf("priority_set(-1)=%d\n", bufferevent_priority_set(b, -1));
	bufferevent_priority_set(b, 3);
	bufferevent_setcb(b, readcb, writecb, eventcb, "low");
	struct event *t = evtimer_new(base, timer_cb, "prio 2");
	event_priority_set(t, 2);
	event_active(t, EV_TIMEOUT, 1);
	bufferevent_trigger(b, EV_WRITE, 0);
	pass();
	bufferevent_priority_set(b, 1);
	event_active(t, EV_TIMEOUT, 1);
	bufferevent_trigger(b, EV_WRITE, 0);
	pass();
	event_free(t);
	printf("setfd resets priority=%d\n", bufferevent_setfd(b, sv[0]));
	printf("priority=%d\n", bufferevent_get_priority(b));
	bufferevent_free(b);
	close(sv[1]);

	puts("-- base_set");
	struct event_base *other = event_base_new();
	b = bufferevent_socket_new(base, -1, 0);
	printf("base_set=%d\n", bufferevent_base_set(other, b));
	printf("same=%d\n", bufferevent_get_base(b) == other);
	bufferevent_free(b);
	event_base_loop(other, EVLOOP_NONBLOCK);
	event_base_free(other);

	puts("-- options");
	printf("unlock without defer=%d\n", bufferevent_socket_new(base, -1, BEV_OPT_UNLOCK_CALLBACKS) != NULL);
	printf("threadsafe without locks=%d\n", bufferevent_socket_new(base, -1, BEV_OPT_THREADSAFE) != NULL);
	event_base_free(base);
	printf("live allocations=%ld\n", live_allocs);

	evthread_use_pthreads();
	base = event_base_new();
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0],
	                           BEV_OPT_THREADSAFE | BEV_OPT_DEFER_CALLBACKS | BEV_OPT_UNLOCK_CALLBACKS | BEV_OPT_CLOSE_ON_FREE);
	printf("threadsafe with locks=%d\n", b != NULL);
	bufferevent_setcb(b, readcb, writecb, eventcb, "locked");
	bufferevent_enable(b, EV_READ);
	write(sv[1], "data", 4);
	bufferevent_write(b, "out", 3);
	bufferevent_lock(b);
	bufferevent_unlock(b);
	pass();
	struct bufferevent *p[2];
	printf("threadsafe pair=%d\n", bufferevent_pair_new(base, BEV_OPT_THREADSAFE, p));
	bufferevent_setcb(p[1], readcb, NULL, NULL, "lp");
	bufferevent_enable(p[1], EV_READ);
	bufferevent_write(p[0], "pair", 4);
	pass();
	struct bufferevent *f = bufferevent_filter_new(b, NULL, NULL, BEV_OPT_THREADSAFE | BEV_OPT_CLOSE_ON_FREE, NULL, NULL);
	printf("threadsafe filter=%d\n", f != NULL);
	bufferevent_free(f);
	bufferevent_free(p[0]);
	bufferevent_free(p[1]);
	event_base_free(base);
	close(sv[1]);
	return 0;
}
