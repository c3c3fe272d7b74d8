/* evbuffer change callbacks: order (newest first), evbuffer_cb_info counts for
 * each operation, enable/disable flags, removal, the 1.x evbuffer_setcb, and
 * deferred callbacks that run from the loop with accumulated counts (also
 * after evbuffer_free while a run is pending) at the base's middle priority. */
#include <event2/buffer.h>
#include <event2/buffer_compat.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct evbuffer *names[4];
static int which(struct evbuffer *b)
{
	int i;
	for (i = 0; i < 4; ++i)
		if (names[i] == b)
			return i;
	return -1;
}

static void cb(struct evbuffer *b, const struct evbuffer_cb_info *info, void *arg)
{
	printf("  cb %s buf%d: orig=%zu added=%zu deleted=%zu len=%zu\n", (const char *)arg, which(b),
	    info->orig_size, info->n_added, info->n_deleted, evbuffer_get_length(b));
}

static void old_cb(struct evbuffer *b, size_t old_len, size_t new_len, void *arg)
{
	printf("  old cb %s buf%d: %zu -> %zu\n", (const char *)arg, which(b), old_len, new_len);
}

static void remover(struct evbuffer *b, const struct evbuffer_cb_info *info, void *arg)
{
	(void)info;
	printf("  remover buf%d removes itself: %d\n", which(b), evbuffer_remove_cb(b, remover, arg));
}

static void cleanup(const void *data, size_t len, void *arg)
{
	(void)data;
	printf("  cleanup %s len=%zu\n", (const char *)arg, len);
}

static void event_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	printf("  event %s\n", (const char *)arg);
}

/* Deferred buffer callbacks run at the middle priority of their base. */
static void priorities(void)
{
	struct event_base *base = event_base_new();
	struct evbuffer *b = evbuffer_new();
	struct event *ev[4];
	const char *labels[4] = {"p0", "p1", "p2", "p4"};
	int prio[4] = {0, 1, 2, 4}, i;
	printf("priorities\n");
	names[0] = b;
	names[1] = NULL;
	event_base_priority_init(base, 5);
	evbuffer_defer_callbacks(b, base);
	evbuffer_add_cb(b, cb, "deferred");
	for (i = 0; i < 4; ++i) {
		ev[i] = event_new(base, -1, 0, event_cb, (void *)labels[i]);
		event_priority_set(ev[i], prio[i]);
	}
	event_active(ev[3], EV_READ, 1);
	event_active(ev[2], EV_READ, 1);
	evbuffer_add(b, "x", 1);
	event_active(ev[1], EV_READ, 1);
	event_active(ev[0], EV_READ, 1);
	event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK);
	for (i = 0; i < 4; ++i)
		event_free(ev[i]);
	evbuffer_free(b);
	event_base_free(base);
}

int main(void)
{
	struct evbuffer *a = evbuffer_new(), *b = evbuffer_new();
	struct evbuffer_cb_entry *e1, *e2;
	struct event_base *base;
	char tmp[64], *line;
	struct evbuffer_iovec v[2];
	int n;
	setvbuf(stdout, NULL, _IOLBF, 0);
	names[0] = a;
	names[1] = b;

	e1 = evbuffer_add_cb(a, cb, "first");
	e2 = evbuffer_add_cb(a, cb, "second");
	evbuffer_add_cb(b, cb, "b");
	printf("add\n");
	evbuffer_add(a, "hello world\r\nline2\n", 19);
	printf("add empty\n");
	evbuffer_add(a, "", 0);
	printf("drain 2\n");
	evbuffer_drain(a, 2);
	printf("remove 3 -> %d\n", evbuffer_remove(a, tmp, 3));
	printf("readln\n");
	line = evbuffer_readln(a, NULL, EVBUFFER_EOL_CRLF);
	printf("  line [%s]\n", line);
	free(line);
	printf("prepend\n");
	evbuffer_prepend(a, "xy", 2);
	printf("printf\n");
	evbuffer_add_printf(a, "%d", 12345);
	printf("disable second, add_buffer a->b\n");
	evbuffer_cb_clear_flags(a, e2, EVBUFFER_CB_ENABLED);
	evbuffer_add_buffer(b, a);
	printf("re-enable, add 3 to a\n");
	evbuffer_cb_set_flags(a, e2, EVBUFFER_CB_ENABLED);
	evbuffer_add(a, "abc", 3);
	printf("remove_buffer b->a 4\n");
	printf("  -> %d\n", evbuffer_remove_buffer(b, a, 4));
	printf("remove_buffer b->a all\n");
	printf("  -> %d\n", evbuffer_remove_buffer(b, a, 1000));
	printf("prepend_buffer a->b\n");
	evbuffer_prepend_buffer(b, a);
	printf("reserve/commit\n");
	n = evbuffer_reserve_space(a, 10, v, 1);
	memcpy(v[0].iov_base, "0123456789", 10);
	v[0].iov_len = 7;
	evbuffer_commit_space(a, v, n);
	printf("reference\n");
	evbuffer_add_reference(a, "refdata", 7, cleanup, "ref");
	printf("remove entry first: %d\n", evbuffer_remove_cb_entry(a, e1));
	printf("remove_cb missing: %d\n", evbuffer_remove_cb(a, cb, "nope"));
	printf("drain all\n");
	evbuffer_drain(a, 100);
	printf("remover\n");
	evbuffer_add_cb(a, remover, NULL);
	evbuffer_add(a, "q", 1);
	evbuffer_add(a, "q", 1);
	printf("setcb\n");
	evbuffer_setcb(a, old_cb, "old");
	evbuffer_add(a, "12345", 5);
	evbuffer_drain(a, 3);
	printf("setcb NULL: %d\n", evbuffer_setcb(a, NULL, NULL));
	evbuffer_add(a, "x", 1);
	printf("freeze\n");
	evbuffer_add_cb(a, cb, "frozen");
	evbuffer_freeze(a, 0);
	printf("  add frozen end %d\n", evbuffer_add(a, "x", 1));
	evbuffer_unfreeze(a, 0);
	evbuffer_free(a);
	evbuffer_free(b);

	printf("deferred\n");
	base = event_base_new();
	a = evbuffer_new();
	b = evbuffer_new();
	names[0] = a;
	names[1] = b;
	printf("defer %d\n", evbuffer_defer_callbacks(a, base));
	e1 = evbuffer_add_cb(a, cb, "deferred");
	evbuffer_add(a, "hello", 5);
	evbuffer_add(a, "world", 5);
	evbuffer_drain(a, 3);
	printf("before loop\n");
	event_base_loop(base, EVLOOP_NONBLOCK);
	printf("after loop\n");
	evbuffer_add(a, "x", 1);
	evbuffer_drain(a, 8);
	event_base_loop(base, EVLOOP_NONBLOCK);
	printf("nodefer flag\n");
	e2 = evbuffer_add_cb(a, cb, "nodefer");
	evbuffer_cb_set_flags(a, e2, 2);
	evbuffer_add(a, "abc", 3);
	printf("loop\n");
	event_base_loop(base, EVLOOP_NONBLOCK);
	printf("free with pending\n");
	evbuffer_remove_cb_entry(a, e2);
	evbuffer_add(a, "zz", 2);
	evbuffer_add_reference(a, "ref", 3, cleanup, "deferred-ref");
	evbuffer_free(a);
	printf("loop after free\n");
	event_base_loop(base, EVLOOP_NONBLOCK);
	printf("done\n");
	evbuffer_free(b);
	event_base_free(base);
	priorities();
	return 0;
}
