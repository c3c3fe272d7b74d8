/* Moving data between buffers: add_buffer, prepend_buffer, remove_buffer
 * (whole chains and a partial one), add_buffer_reference and reference
 * cleanup order, and which of these freezing either end forbids. */
#include <event2/buffer.h>
#include <stdio.h>
#include <string.h>

#define TRY(call) printf("  %s = %d\n", #call, (int)(call))

static void show(const char *what, struct evbuffer *b)
{
	struct evbuffer_iovec v[16];
	int n = evbuffer_peek(b, -1, NULL, v, 16), i;
	printf("%s: len=%zu chains=%d", what, evbuffer_get_length(b), n);
	for (i = 0; i < n && i < 16; ++i)
		printf(" %.*s", (int)v[i].iov_len, (char *)v[i].iov_base);
	printf("\n");
}

static void cleanup(const void *data, size_t len, void *arg)
{
	printf("  cleanup %s %.*s\n", (const char *)arg, (int)len, (const char *)data);
}

static struct evbuffer *refs(const char *tag)
{
	static const char *p[] = {"aaa", "bbbb", "cc", "ddddd"};
	struct evbuffer *b = evbuffer_new();
	int i;
	for (i = 0; i < 4; ++i)
		evbuffer_add_reference(b, p[i], strlen(p[i]), cleanup, (void *)tag);
	return b;
}

/* Every move between a (frozen at one end) and c, both ways. */
static void moves(struct evbuffer *a, struct evbuffer *c)
{
	TRY(evbuffer_add_buffer(c, a));
	TRY(evbuffer_add_buffer(a, c));
	TRY(evbuffer_remove_buffer(a, c, 1));
	TRY(evbuffer_remove_buffer(c, a, 1));
	TRY(evbuffer_prepend_buffer(a, c));
	TRY(evbuffer_prepend_buffer(c, a));
}

int main(void)
{
	struct evbuffer *a, *b, *c;
	char out[32];
	int r;
	setvbuf(stdout, NULL, _IOLBF, 0);

	a = refs("A");
	b = evbuffer_new();
	evbuffer_add(b, "xy", 2);
	r = evbuffer_remove_buffer(a, b, 9);
	printf("remove_buffer 9 -> %d\n", r);
	show("a", a);
	show("b", b);
	r = evbuffer_remove_buffer(a, b, 7);
	printf("remove_buffer 7 -> %d\n", r);
	show("a", a);
	show("b", b);
	TRY(evbuffer_remove_buffer(b, a, 0));
	TRY(evbuffer_remove_buffer(a, a, 3));
	{
		/* Moving from an empty buffer leaves both buffers' spare room alone. */
		struct evbuffer *e = evbuffer_new(), *f = evbuffer_new();
		struct evbuffer_iovec v[1];
		evbuffer_reserve_space(e, 100, v, 1);
		evbuffer_reserve_space(f, 3000, v, 1);
		TRY(evbuffer_remove_buffer(f, e, 10));
		TRY(evbuffer_add_buffer(e, f));
		TRY(evbuffer_prepend_buffer(e, f));
		TRY(evbuffer_reserve_space(e, 1, v, 1));
		printf("  e space %zu\n", v[0].iov_len);
		TRY(evbuffer_reserve_space(f, 1, v, 1));
		printf("  f space %zu\n", v[0].iov_len);
		evbuffer_free(e);
		evbuffer_free(f);
	}
	printf("drain b 8\n");
	evbuffer_drain(b, 8);
	show("b", b);
	evbuffer_add(a, "tail", 4);
	printf("prepend_buffer -> %d\n", evbuffer_prepend_buffer(a, b));
	show("a", a);
	show("b", b);
	printf("add_buffer empty -> %d\n", evbuffer_add_buffer(a, b));
	printf("add_buffer self -> %d\n", evbuffer_add_buffer(a, a));
	printf("prepend into empty -> %d\n", evbuffer_prepend_buffer(b, a));
	show("a", a);
	show("b", b);

	printf("references\n");
	c = evbuffer_new();
	r = evbuffer_add_buffer_reference(c, b);
	printf("add_buffer_reference of references -> %d\n", r);
	evbuffer_free(c);
	c = evbuffer_new();
	evbuffer_free(a);
	a = evbuffer_new();
	evbuffer_add(a, "shared-data", 11);
	evbuffer_add(a, "", 0);
	r = evbuffer_add_buffer_reference(c, a);
	printf("add_buffer_reference -> %d\n", r);
	show("c", c);
	evbuffer_drain(a, 7);
	evbuffer_add(a, "+more", 5);
	show("a", a);
	show("c", c);
	evbuffer_prepend(a, "<", 1);
	show("a", a);
	{
		struct evbuffer_iovec v[2];
		int n = evbuffer_reserve_space(a, 10, v, 1);
		printf("reserve after sharing %d %zu\n", n, v[0].iov_len);
	}
	evbuffer_add_buffer_reference(c, a);
	show("c", c);
	printf("pullup c %.8s\n", (char *)evbuffer_pullup(c, 8));
	show("c", c);
	show("a", a);
	printf("reference of view -> %d\n", evbuffer_add_buffer_reference(b, c));
	printf("self reference -> %d\n", evbuffer_add_buffer_reference(a, a));
	evbuffer_free(a);
	show("c after source freed", c);
	TRY(evbuffer_remove(c, out, 6));
	printf(" [%.6s]\n", out);
	show("c", c);
	evbuffer_free(c);
	c = evbuffer_new();
	a = evbuffer_new();
	TRY(evbuffer_add_buffer_reference(c, a));
	evbuffer_free(a);
	evbuffer_free(c);

	printf("freeze rules\n");
	a = evbuffer_new();
	c = evbuffer_new();
	evbuffer_add(a, "0123456789", 10);
	evbuffer_add(c, "abc", 3);
	evbuffer_freeze(a, 1);
	printf("front frozen:\n");
	TRY(evbuffer_drain(a, 1));
	TRY(evbuffer_remove(a, out, 1));
	TRY((int)evbuffer_copyout(a, out, 1));
	TRY((int)evbuffer_copyout(a, out, 0));
	TRY(evbuffer_prepend(a, "x", 1));
	TRY(evbuffer_add(a, "\n", 1));
	TRY(evbuffer_readln(a, NULL, EVBUFFER_EOL_LF) != NULL);
	moves(a, c);
	TRY(evbuffer_pullup(a, -1) != NULL);
	TRY(evbuffer_write(a, -1));
	evbuffer_unfreeze(a, 1);
	show("a", a);
	show("c", c);
	evbuffer_freeze(a, 0);
	printf("end frozen:\n");
	TRY(evbuffer_add(a, "x", 1));
	TRY(evbuffer_add_printf(a, "%d", 1));
	TRY(evbuffer_add_reference(a, "r", 1, NULL, NULL));
	TRY(evbuffer_prepend(a, "p", 1));
	TRY(evbuffer_drain(a, 1));
	TRY(evbuffer_expand(a, 10));
	{
		struct evbuffer_iovec v[1];
		TRY(evbuffer_reserve_space(a, 10, v, 1));
		TRY(evbuffer_commit_space(a, v, 0));
	}
	moves(a, c);
	TRY(evbuffer_add_buffer_reference(a, c));
	TRY(evbuffer_add_buffer_reference(c, a));
	evbuffer_unfreeze(a, 0);
	show("a", a);
	show("c", c);
	evbuffer_free(a);
	evbuffer_free(c);
	printf("free b\n");
	evbuffer_free(b);
	printf("done\n");
	return 0;
}
