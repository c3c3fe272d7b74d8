/* bufferevent echo, per message (one delivery, counted on the receiving
 * side):
 *   bev-pingpong-{socketpair,tcp,pair}: two bufferevents send a 64-byte
 *       message back and forth (one round trip = two messages); each read
 *       callback takes the message with bufferevent_read and sends it back
 *       with bufferevent_write.  socketpair: socket bufferevents on an
 *       AF_UNIX socketpair; tcp: on a 127.0.0.1 connection (TCP_NODELAY, the
 *       listener is a plain socket on port 0); pair: bufferevent_pair_new
 *       with deferred callbacks (without them each reply would recurse).
 *       Deferred callbacks keep one EVLOOP_ONCE call going until the
 *       exchange ends, so the pair reports no passes (system calls are
 *       counted per message).
 *   bev-stream-socketpair: one side writes 1 MiB as 64 bufferevent_writes
 *       of 16 KiB, the other side's read callback drains what arrived; when
 *       the whole MiB is in, the writer writes the next.  A message is one
 *       16 KiB piece. */
#include "../harness/bench.h"

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/util.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { BEV_SOCKETPAIR, BEV_TCP, BEV_PAIR, BEV_TRANSPORT = 3, BEV_STREAM = 4 };
enum { STREAM_ROUND = 1 << 20, MAX_MESSAGE = 16384 };

static struct {
	struct bufferevent *end[2];
	size_t size;              /* bytes per message */
	long long received, target;
	size_t round_left;        /* stream: bytes still to arrive this round */
} echo;

static char message[MAX_MESSAGE];

static void on_ping(struct bufferevent *bev, void *arg)
{
	(void)arg;
	char msg[MAX_MESSAGE];
	while (evbuffer_get_length(bufferevent_get_input(bev)) >= echo.size) {
		if (bufferevent_read(bev, msg, echo.size) != echo.size)
			bench_fail("bufferevent_read");
		if (++echo.received < echo.target && bufferevent_write(bev, msg, echo.size) != 0)
			bench_fail("bufferevent_write");
	}
}

static void write_round(void)
{
	for (size_t off = 0; off < STREAM_ROUND; off += echo.size)
		if (bufferevent_write(echo.end[0], message, echo.size) != 0)
			bench_fail("bufferevent_write");
	echo.round_left = STREAM_ROUND;
}

static void on_stream(struct bufferevent *bev, void *arg)
{
	(void)arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	size_t n = evbuffer_get_length(in);
	if (evbuffer_drain(in, n) != 0)
		bench_fail("evbuffer_drain");
	/* Pieces are counted as their last byte arrives. */
	size_t before = STREAM_ROUND - echo.round_left;
	echo.round_left -= n;
	echo.received += (before + n) / echo.size - before / echo.size;
	if (echo.round_left == 0 && echo.received < echo.target)
		write_round();
}

static void on_event(struct bufferevent *bev, short what, void *arg)
{
	(void)bev, (void)what, (void)arg;
	bench_fail("bufferevent error or EOF");
}

static void nonblocking(evutil_socket_t fd)
{
	if (evutil_make_socket_nonblocking(fd) != 0)
		bench_fail("evutil_make_socket_nonblocking");
}

/* A connected 127.0.0.1 TCP pair through a listener on an ephemeral port. */
static void tcp_pair(evutil_socket_t fds[2])
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || bind(listener, (struct sockaddr *)&sin, sizeof sin) != 0 ||
	    listen(listener, 1) != 0 || getsockname(listener, (struct sockaddr *)&sin, &len) != 0)
		bench_fail("tcp listener");
	fds[0] = socket(AF_INET, SOCK_STREAM, 0);
	if (fds[0] < 0 || connect(fds[0], (struct sockaddr *)&sin, sizeof sin) != 0 ||
	    (fds[1] = accept(listener, NULL, NULL)) < 0)
		bench_fail("tcp connect");
	close(listener);
	int one = 1;
	for (int i = 0; i < 2; i++)
		if (setsockopt(fds[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0)
			bench_fail("TCP_NODELAY");
}

static void open_ends(struct event_base *base, int transport)
{
	if (transport == BEV_PAIR) {
		if (bufferevent_pair_new(base, BEV_OPT_DEFER_CALLBACKS, echo.end) != 0)
			bench_fail("bufferevent_pair_new");
		return;
	}
	evutil_socket_t fds[2];
	if (transport == BEV_TCP)
		tcp_pair(fds);
	else if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
		bench_fail("socketpair");
	for (int i = 0; i < 2; i++) {
		nonblocking(fds[i]);
		if (!(echo.end[i] = bufferevent_socket_new(base, fds[i], BEV_OPT_CLOSE_ON_FREE)))
			bench_fail("bufferevent_socket_new");
	}
}

static int run_echo(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	int stream = (w->active & BEV_STREAM) != 0;
	struct event_base *base = event_base_new();
	if (!base)
		bench_fail("event_base_new");
	memset(&echo, 0, sizeof echo);
	echo.size = (size_t)bench_size(w);
	long long per_round = STREAM_ROUND / (long long)echo.size;
	echo.target = stream ? (ops + per_round - 1) / per_round * per_round : ops;
	memset(message, 'm', sizeof message);
	open_ends(base, (int)(w->active & BEV_TRANSPORT));
	for (int i = 0; i < 2; i++) {
		bufferevent_setcb(echo.end[i], stream ? on_stream : on_ping, NULL, on_event, NULL);
		if (!stream) /* the read callback runs for whole messages only */
			bufferevent_setwatermark(echo.end[i], EV_READ, echo.size, 0);
		if (bufferevent_enable(echo.end[i], EV_READ | EV_WRITE) != 0)
			bench_fail("bufferevent_enable");
	}

	long long passes = 0;
	bench_begin();
	if (stream)
		write_round();
	else if (bufferevent_write(echo.end[0], message, echo.size) != 0)
		bench_fail("bufferevent_write");
	while (echo.received < echo.target) {
		if (event_base_loop(base, EVLOOP_ONCE) < 0)
			bench_fail("event_base_loop");
		passes++;
	}
	bench_end();

	for (int i = 0; i < 2; i++) /* no EOF callback from the freed partner */
		bufferevent_setcb(echo.end[i], NULL, NULL, NULL, NULL);
	for (int i = 0; i < 2; i++)
		bufferevent_free(echo.end[i]);
	event_base_free(base);
	out->ops = echo.received;
	out->passes = (w->active & BEV_TRANSPORT) == BEV_PAIR ? 0 : passes;
	return 0;
}

/* Fields: name, unit, run, size (message bytes), active, ops, smoke_size,
 * smoke_ops. */
static struct bench_workload bufferevent_workloads[] = {
	{"bev-pingpong-socketpair", "message", run_echo, 64, BEV_SOCKETPAIR, 200000, 64, 1000, NULL},
	{"bev-stream-socketpair", "message", run_echo, MAX_MESSAGE, BEV_SOCKETPAIR | BEV_STREAM,
	 16384, MAX_MESSAGE, 64, NULL},
	{"bev-pingpong-tcp", "message", run_echo, 64, BEV_TCP, 100000, 64, 1000, NULL},
	{"bev-pingpong-pair", "message", run_echo, 64, BEV_PAIR, 1000000, 64, 1000, NULL},
};
BENCH_REGISTER(bufferevent_workloads)
