/* event_set_mem_functions: every evbuffer allocation (chains, callbacks,
 * lines from readln, file segments, locks' holders) goes through the hooks
 * and is given back; nothing is freed that the hooks did not allocate. */
#include <event2/buffer.h>
#include <event2/buffer_compat.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LIVE 4096
static void *live[MAX_LIVE];
static int n_alloc, n_free, foreign;

static void remember(void *p)
{
	int i;
	for (i = 0; i < MAX_LIVE; ++i)
		if (!live[i]) {
			live[i] = p;
			return;
		}
}

static int forget(void *p)
{
	int i;
	for (i = 0; i < MAX_LIVE; ++i)
		if (live[i] == p) {
			live[i] = NULL;
			return 1;
		}
	return 0;
}

static void *my_malloc(size_t n)
{
	void *p = malloc(n);
	if (p) {
		++n_alloc;
		remember(p);
	}
	return p;
}

static void *my_realloc(void *old, size_t n)
{
	void *p;
	if (old && !forget(old))
		++foreign;
	p = realloc(old, n);
	if (p) {
		if (!old)
			++n_alloc;
		remember(p);
	}
	return p;
}

static void my_free(void *p)
{
	if (!p)
		return;
	if (!forget(p))
		++foreign;
	++n_free;
	free(p);
}

static void cb(struct evbuffer *b, const struct evbuffer_cb_info *info, void *arg)
{
	(void)b;
	(void)info;
	(void)arg;
}

static void old_cb(struct evbuffer *b, size_t a, size_t c, void *arg)
{
	(void)b;
	(void)a;
	(void)c;
	(void)arg;
}

int main(void)
{
	struct evbuffer *a, *b;
	struct event_base *base;
	struct evbuffer_iovec v[4];
	static char big[100000];
	char name[] = "/tmp/evcxx-conf-memXXXXXX", *line;
	int fd, i, live_after;
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_mem_functions(my_malloc, my_realloc, my_free);
	memset(big, 'm', sizeof(big) - 1);
	base = event_base_new();
	a = evbuffer_new();
	b = evbuffer_new();
	evbuffer_add_cb(a, cb, NULL);
	evbuffer_defer_callbacks(b, base);
	evbuffer_add_cb(b, cb, NULL);
	for (i = 0; i < 50; ++i)
		evbuffer_add_printf(a, "line %d %s\r\n", i, i % 7 ? "" : big + 99000);
	evbuffer_add_reference(a, "ref", 3, NULL, NULL);
	evbuffer_prepend(a, big, 5000);
	evbuffer_reserve_space(a, 10000, v, 4);
	evbuffer_add_buffer_reference(b, a);
	evbuffer_remove_buffer(a, b, 3000);
	evbuffer_pullup(a, 8000);
	while ((line = evbuffer_readln(a, NULL, EVBUFFER_EOL_CRLF)) != NULL)
		my_free(line);
	line = evbuffer_readline(b);
	my_free(line);
	evbuffer_setcb(a, old_cb, NULL);
	fd = mkstemp(name);
	unlink(name);
	if (fd < 0 || write(fd, big, 20000) != 20000)
		return 1;
	evbuffer_add_file(a, fd, 0, 20000);
	{
		struct evbuffer_file_segment *seg = evbuffer_file_segment_new(fd, 0, 100, EVBUF_FS_DISABLE_MMAP);
		evbuffer_add_file_segment(b, seg, 0, -1);
		evbuffer_file_segment_free(seg);
	}
	evbuffer_find(b, (const unsigned char *)"mmmm", 4);
	event_base_loop(base, EVLOOP_NONBLOCK);
	printf("allocations seen %d, frees seen %d\n", n_alloc > 0, n_free > 0);
	evbuffer_free(a);
	evbuffer_free(b);
	event_base_loop(base, EVLOOP_NONBLOCK);
	event_base_free(base);
	live_after = 0;
	for (i = 0; i < MAX_LIVE; ++i)
		live_after += live[i] != NULL;
	printf("still allocated %d, foreign frees %d, balanced %d\n", live_after, foreign, n_alloc == n_free);
	return 0;
}
