/* evbuffer_read / evbuffer_write / evbuffer_write_atmost on socketpairs and
 * pipes: how much one read takes in (at most 4096 bytes), the chains it
 * leaves, explicit limits, EOF and EAGAIN, and writes of many chains. */
#include <event2/buffer.h>
#include <event2/util.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char data[300000];

static void show(const char *what, struct evbuffer *b)
{
	struct evbuffer_iovec v[64], r[4];
	int n = evbuffer_peek(b, -1, NULL, v, 64), i, k;
	printf("  %s: len=%zu chains=%d [", what, evbuffer_get_length(b), n);
	for (i = 0; i < n && i < 64; ++i)
		printf("%s%zu", i ? "," : "", v[i].iov_len);
	k = evbuffer_reserve_space(b, 1, r, 1);
	printf("] space=%zu\n", k == 1 ? r[0].iov_len : 0);
}

static int check(struct evbuffer *b, size_t from, size_t n)
{
	static char tmp[300000];
	if (evbuffer_copyout(b, tmp, n) != (ev_ssize_t)n)
		return 0;
	return memcmp(tmp, data + from, n) == 0;
}

static void reads(const char *kind, int rfd, int wfd)
{
	struct evbuffer *b = evbuffer_new();
	size_t sizes[] = {1, 100, 4095, 4096, 4097, 10000, 65536};
	size_t i, off = 0;
	int r;
	printf("%s\n", kind);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); ++i) {
		size_t left = sizes[i];
		int calls = 0;
		if (write(wfd, data + off, sizes[i]) != (ssize_t)sizes[i])
			printf("  short write\n");
		printf(" write %zu:", sizes[i]);
		while (left) {
			r = evbuffer_read(b, rfd, -1);
			if (r <= 0)
				break;
			if (calls++ < 4 || left == (size_t)r)
				printf(" %d", r);
			left -= (size_t)r;
		}
		printf(" (%d reads)\n", calls);
		show("after", b);
		off += sizes[i];
	}
	printf("  data ok %d\n", check(b, 0, off));
	r = evbuffer_read(b, rfd, -1);
	printf("  read empty %d eagain %d\n", r, r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
	show("after eagain", b);
	evbuffer_drain(b, evbuffer_get_length(b));
	r = evbuffer_read(b, rfd, -1);
	printf("  read empty %d\n", r);
	show("after eagain on empty", b);
	if (write(wfd, data, 5000) != 5000)
		printf("  short write\n");
	r = evbuffer_read(b, rfd, 10);
	printf("  read 10 -> %d\n", r);
	r = evbuffer_read(b, rfd, 0);
	printf("  read 0 -> %d\n", r);
	r = evbuffer_read(b, rfd, 6000);
	printf("  read 6000 -> %d\n", r);
	r = evbuffer_read(b, rfd, 3000);
	printf("  read 3000 -> %d\n", r);
	show("after limits", b);
	evbuffer_free(b);
}

/* Reads into buffers that already have free space spread over four chains. */
static void spread(int rfd, int wfd, int with_data)
{
	struct evbuffer *b = evbuffer_new();
	struct evbuffer_iovec v[4];
	size_t want[] = {1000, 2000, 3000};
	int i, r;
	printf("spread space, data first %d\n", with_data);
	if (with_data)
		evbuffer_add(b, data, 900);
	else
		evbuffer_reserve_space(b, 1, v, 1);
	for (i = 0; i < 3; ++i)
		printf("  reserve %d\n", evbuffer_reserve_space(b, (ev_ssize_t)want[i] + (with_data ? 0 : 500), v, i + 2));
	show("before", b);
	if (write(wfd, data, 10000) != 10000)
		printf("  short write\n");
	r = evbuffer_read(b, rfd, -1);
	printf("  read %d\n", r);
	show("after", b);
	r = evbuffer_read(b, rfd, 1000);
	printf("  read %d\n", r);
	show("after", b);
	while (evbuffer_read(b, rfd, -1) > 0)
		;
	printf("  data ok %d\n", check(b, 0, 900) || !with_data);
	evbuffer_free(b);
}

static void writes(const char *kind, int rfd, int wfd)
{
	struct evbuffer *b = evbuffer_new(), *in = evbuffer_new();
	static char tmp[300000];
	int i, r, total = 0;
	printf("%s writes\n", kind);
	r = evbuffer_write(b, wfd);
	printf("  write empty %d\n", r);
	for (i = 0; i < 200; ++i)
		evbuffer_add_reference(b, data + i * 100, 100, NULL, NULL);
	r = evbuffer_write_atmost(b, wfd, 150);
	printf("  write_atmost 150 -> %d left %zu\n", r, evbuffer_get_length(b));
	r = evbuffer_write_atmost(b, wfd, 0);
	printf("  write_atmost 0 -> %d\n", r);
	r = evbuffer_write(b, wfd);
	printf("  write all -> %d left %zu\n", r, evbuffer_get_length(b));
	while (evbuffer_get_length(b) > 0 && r > 0) {
		r = evbuffer_write(b, wfd);
		printf("  write -> %d left %zu\n", r, evbuffer_get_length(b));
	}
	for (;;) {
		ssize_t n = read(rfd, tmp + total, sizeof(tmp) - total);
		if (n <= 0)
			break;
		total += (int)n;
	}
	printf("  received %d ok %d\n", total, memcmp(tmp, data, total) == 0);
	evbuffer_add(b, data, 200000);
	r = evbuffer_write(b, wfd);
	printf("  big write full %d\n", r > 0);
	r = evbuffer_write(b, wfd);
	printf("  write when full %d eagain %d\n", r, r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
	while ((r = evbuffer_read(in, rfd, -1)) > 0)
		;
	printf("  read back %zu\n", evbuffer_get_length(in));
	close(wfd);
	while ((r = evbuffer_write(b, wfd)) > 0)
		;
	printf("  write closed fd %d\n", r);
	r = evbuffer_read(in, rfd, -1);
	printf("  read at eof %d\n", r);
	show("in after eof", in);
	evbuffer_free(b);
	evbuffer_free(in);
}

int main(void)
{
	int sp[2], pp[2];
	size_t i;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(data); ++i)
		data[i] = (char)(i * 7 + i / 251);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) < 0 || pipe(pp) < 0)
		return 1;
	evutil_make_socket_nonblocking(sp[0]);
	evutil_make_socket_nonblocking(sp[1]);
	evutil_make_socket_nonblocking(pp[0]);
	evutil_make_socket_nonblocking(pp[1]);
	{
		int sz = 1 << 20;
		setsockopt(sp[1], SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
		setsockopt(sp[0], SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
		fcntl(pp[1], F_SETPIPE_SZ, 1 << 20);
	}
	reads("socketpair", sp[0], sp[1]);
	reads("pipe", pp[0], pp[1]);
	spread(sp[0], sp[1], 1);
	spread(sp[0], sp[1], 0);
	writes("socketpair", sp[0], sp[1]);
	writes("pipe", pp[0], pp[1]);
	close(sp[0]);
	close(pp[0]);
	return 0;
}
