/* Edge cases of the evbuffer API: empty and zero-length operations,
 * zero-length references, positions at the very end, peeks shorter than a
 * chain, prepend into reserved space, and expand next to read-only chains. */
#include <event2/buffer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRY(call) printf("  %s = %d\n", #call, (int)(call))

static void show(const char *what, struct evbuffer *b)
{
	struct evbuffer_iovec v[16], r;
	int n = evbuffer_peek(b, -1, NULL, v, 16), i, k;
	printf("%s: len=%zu chains=%d", what, evbuffer_get_length(b), n);
	for (i = 0; i < n && i < 16; ++i)
		printf(" [%.*s]", (int)v[i].iov_len, (char *)v[i].iov_base);
	k = evbuffer_reserve_space(b, 1, &r, 1);
	printf(" space=%zu\n", k == 1 ? r.iov_len : 0);
}

static void cleanup(const void *data, size_t len, void *arg)
{
	(void)data;
	printf("  cleanup %s len=%zu\n", (const char *)arg, len);
}

int main(void)
{
	struct evbuffer *b = evbuffer_new(), *c = evbuffer_new();
	struct evbuffer_ptr p;
	struct evbuffer_iovec v[4];
	char out[32];
	size_t eol;
	setvbuf(stdout, NULL, _IOLBF, 0);

	printf("empty buffer\n");
	TRY(evbuffer_drain(b, 0));
	TRY(evbuffer_drain(b, 10));
	TRY(evbuffer_remove(b, out, 5));
	TRY(evbuffer_copyout(b, out, 5));
	TRY(evbuffer_pullup(b, 0) != NULL);
	TRY(evbuffer_peek(b, -1, NULL, v, 4));
	TRY(evbuffer_peek(b, 10, NULL, NULL, 0));
	TRY(evbuffer_search(b, "a", 1, NULL).pos);
	TRY(evbuffer_search_eol(b, NULL, &eol, EVBUFFER_EOL_ANY).pos);
	TRY(evbuffer_ptr_set(b, &p, 0, EVBUFFER_PTR_SET));
	TRY(evbuffer_ptr_set(b, &p, 1, EVBUFFER_PTR_SET));
	TRY(evbuffer_add(b, "", 0));
	show("after add 0", b);
	TRY(evbuffer_prepend(b, "", 0));
	show("after prepend 0", b);
	TRY(evbuffer_add_printf(b, "%s", ""));
	show("after empty printf", b);
	TRY(evbuffer_add_buffer(b, c));
	TRY(evbuffer_expand(b, 0));
	show("after expand 0", b);
	TRY(evbuffer_write(b, 1));

	printf("zero-length reference\n");
	TRY(evbuffer_add_reference(b, "zero", 0, cleanup, "zero"));
	show("ref0", b);
	TRY(evbuffer_add(b, "abc", 3));
	show("add after ref0", b);
	TRY(evbuffer_add_reference(b, "ro", 2, cleanup, "ro"));
	TRY(evbuffer_add_reference(b, "zero", 0, cleanup, "zero2"));
	show("refs", b);
	TRY(evbuffer_expand(b, 10));
	show("expand after read-only", b);
	TRY(evbuffer_add(b, "xyz", 3));
	show("add", b);
	TRY(evbuffer_drain(b, evbuffer_get_length(b)));
	show("drained", b);

	printf("prepend into reserved space\n");
	TRY(evbuffer_reserve_space(b, 50, v, 1));
	TRY(evbuffer_prepend(b, "front", 5));
	show("prepended", b);
	TRY(evbuffer_add(b, "back", 4));
	show("added", b);
	TRY(evbuffer_prepend(b, "0123456789", 10));
	show("prepended more", b);

	printf("positions\n");
	TRY(evbuffer_ptr_set(b, &p, evbuffer_get_length(b), EVBUFFER_PTR_SET));
	TRY(p.pos);
	TRY(evbuffer_copyout_from(b, &p, out, 4));
	TRY(evbuffer_search(b, "back", 4, &p).pos);
	TRY(evbuffer_search_eol(b, &p, &eol, EVBUFFER_EOL_LF).pos);
	TRY(eol);
	TRY(evbuffer_ptr_set(b, &p, 3, EVBUFFER_PTR_SET));
	TRY(evbuffer_peek(b, 2, &p, v, 4));
	printf("  v0 %.*s\n", (int)v[0].iov_len, (char *)v[0].iov_base);
	TRY(evbuffer_peek(b, 2, NULL, v, 4));
	TRY(evbuffer_peek(b, 12, NULL, v, 4));
	TRY(evbuffer_peek(b, 100, NULL, v, 1));
	TRY(evbuffer_peek(b, 100, NULL, NULL, 0));
	memset(out, 0, sizeof(out));
	TRY(evbuffer_copyout_from(b, &p, out, 100));
	printf("  [%s]\n", out);
	TRY(evbuffer_search(b, "89f", 3, NULL).pos);
	TRY(evbuffer_search(b, "", 0, &p).pos);

	printf("contiguous\n");
	TRY(evbuffer_get_contiguous_space(b));
	TRY(evbuffer_pullup(b, 11) != NULL);
	TRY(evbuffer_get_contiguous_space(b));
	show("pulled", b);
	{
		char *line;
		evbuffer_add(b, "\n", 1);
		line = evbuffer_readln(b, NULL, EVBUFFER_EOL_LF);
		printf("  line [%s]\n", line);
		free(line);
	}
	show("end", b);
	evbuffer_free(b);
	evbuffer_free(c);
	printf("done\n");
	return 0;
}
