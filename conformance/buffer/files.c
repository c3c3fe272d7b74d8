/* evbuffer_add_file and file segments: offsets and lengths (-1 = to the
 * end), the EVBUF_FS_* flags, segments shared by several buffers, cleanup
 * callbacks and when the fd is closed, draining to a socket with
 * EVBUFFER_FLAG_DRAINS_TO_FD (sendfile), and bad ranges. A failing
 * evbuffer_add_file_segment is not tested here: 2.1.12 then drops a segment
 * reference it never took (see docs/divergences.md). */
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/util.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char content[20000];

static void logcb(int sev, const char *msg)
{
	(void)msg;
	printf("  log severity %d\n", sev);
}

static int make_file(void)
{
	char name[] = "/tmp/evcxx-conf-fileXXXXXX";
	int fd = mkstemp(name);
	size_t i;
	for (i = 0; i < sizeof(content); ++i)
		content[i] = (char)('a' + i % 26 + (i / 4096));
	if (fd < 0 || write(fd, content, sizeof(content)) != (ssize_t)sizeof(content))
		exit(1);
	unlink(name);
	return fd;
}

static int fd_open(int fd) { return fcntl(fd, F_GETFD) != -1; }

static void seg_cleanup(struct evbuffer_file_segment const *seg, int flags, void *arg)
{
	(void)seg;
	printf("  segment cleanup %s flags=%d\n", (const char *)arg, flags);
}

static void show(const char *what, struct evbuffer *b, size_t from)
{
	static char tmp[40000];
	size_t n = evbuffer_get_length(b);
	struct evbuffer_iovec v[8];
	int k = evbuffer_peek(b, -1, NULL, v, 8);
	printf("  %s: len=%zu chains=%d", what, n, k);
	if (n && evbuffer_copyout(b, tmp, n) == (ev_ssize_t)n)
		printf(" match=%d", memcmp(tmp, content + from, n) == 0);
	printf("\n");
}

int main(void)
{
	struct evbuffer *b;
	struct evbuffer_file_segment *seg;
	int fd, r, sp[2];
	unsigned flags[] = {0, EVBUF_FS_DISABLE_MMAP, EVBUF_FS_DISABLE_SENDFILE,
	                    EVBUF_FS_DISABLE_MMAP | EVBUF_FS_DISABLE_SENDFILE | EVBUF_FS_DISABLE_LOCKING};
	size_t i;
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_log_callback(logcb);

	printf("add_file\n");
	fd = make_file();
	b = evbuffer_new();
	r = evbuffer_add_file(b, fd, 100, 5000);
	printf("  add_file(100, 5000) %d open=%d\n", r, fd_open(fd));
	show("buf", b, 100);
	evbuffer_drain(b, 1000);
	show("drained", b, 1100);
	evbuffer_free(b);
	printf("  after free open=%d\n", fd_open(fd));

	fd = make_file();
	b = evbuffer_new();
	r = evbuffer_add_file(b, fd, 0, -1);
	printf("  add_file(0, -1) %d\n", r);
	show("buf", b, 0);
	evbuffer_free(b);
	fd = make_file();
	b = evbuffer_new();
	evbuffer_add(b, "x", 1);
	evbuffer_drain(b, 1);
	r = evbuffer_add_file(b, fd, 19990, 20);
	printf("  add_file past end %d open=%d len=%zu\n", r, fd_open(fd), evbuffer_get_length(b));
	r = evbuffer_add_file(b, fd, -5, 10);
	printf("  add_file negative offset %d open=%d\n", r, fd_open(fd));
	close(fd);
	evbuffer_free(b);

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); ++i) {
		struct evbuffer *c;
		printf("segment flags %u\n", flags[i]);
		fd = make_file();
		seg = evbuffer_file_segment_new(fd, 1000, 8000, flags[i] | EVBUF_FS_CLOSE_ON_FREE);
		printf("  new %d\n", seg != NULL);
		evbuffer_file_segment_add_cleanup_cb(seg, seg_cleanup, "seg");
		b = evbuffer_new();
		c = evbuffer_new();
		r = evbuffer_add_file_segment(b, seg, 0, -1);
		printf("  add whole %d\n", r);
		r = evbuffer_add_file_segment(b, seg, 10, 20);
		printf("  add 10+20 %d\n", r);
		r = evbuffer_add_file_segment(c, seg, 7000, -1);
		printf("  add 7000.. %d\n", r);
		show("b", b, 1000);
		show("c", c, 8000);
		printf("  search %zd\n", evbuffer_search(b, content + 5000, 10, NULL).pos);
		evbuffer_file_segment_free(seg);
		printf("  freed segment handle, open=%d\n", fd_open(fd));
		evbuffer_free(b);
		printf("  freed b, open=%d\n", fd_open(fd));
		evbuffer_remove_buffer(c, b = evbuffer_new(), 500);
		show("moved", b, 8000);
		evbuffer_free(c);
		printf("  freed c, open=%d\n", fd_open(fd));
		evbuffer_free(b);
		printf("  freed moved, open=%d\n", fd_open(fd));
	}

	printf("drains to fd\n");
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) < 0)
		return 1;
	evutil_make_socket_nonblocking(sp[0]);
	fd = make_file();
	b = evbuffer_new();
	evbuffer_set_flags(b, EVBUFFER_FLAG_DRAINS_TO_FD);
	evbuffer_add(b, "head", 4);
	seg = evbuffer_file_segment_new(fd, 3, 3000, 0);
	evbuffer_add_file_segment(b, seg, 0, -1);
	evbuffer_add(b, "tail", 4);
	printf("  len %zu\n", evbuffer_get_length(b));
	{
		static char got[4000];
		int total = 0;
		while (evbuffer_get_length(b) > 0) {
			r = evbuffer_write(b, sp[1]);
			printf("  write %d\n", r);
			if (r <= 0)
				break;
		}
		while ((r = (int)read(sp[0], got + total, sizeof(got) - total)) > 0)
			total += r;
		printf("  got %d ok %d %d %d\n", total, memcmp(got, "head", 4) == 0,
		    memcmp(got + 4, content + 3, 3000) == 0, memcmp(got + 3004, "tail", 4) == 0);
	}
	evbuffer_file_segment_free(seg);
	printf("  fd still open %d\n", fd_open(fd));
	evbuffer_clear_flags(b, EVBUFFER_FLAG_DRAINS_TO_FD);
	evbuffer_free(b);
	close(fd);
	close(sp[0]);
	close(sp[1]);
	printf("bad segments\n");
	seg = evbuffer_file_segment_new(-1, 0, -1, 0);
	printf("  bad fd %d\n", seg != NULL);
	fd = make_file();
	seg = evbuffer_file_segment_new(fd, -1, 10, 0);
	printf("  negative offset %d\n", seg != NULL);
	seg = evbuffer_file_segment_new(fd, 0, -2, 0);
	printf("  negative length %d\n", seg != NULL);
	seg = evbuffer_file_segment_new(fd, 0, 0, EVBUF_FS_DISABLE_SENDFILE);
	printf("  empty, no sendfile %d\n", seg != NULL);
	seg = evbuffer_file_segment_new(fd, 100, 0, EVBUF_FS_DISABLE_SENDFILE | EVBUF_FS_DISABLE_MMAP);
	printf("  empty, read %d\n", seg != NULL);
	seg = evbuffer_file_segment_new(fd, 30000, 10, EVBUF_FS_DISABLE_SENDFILE | EVBUF_FS_DISABLE_MMAP);
	printf("  past the end, read %d\n", seg != NULL);
	close(fd);
	return 0;
}
