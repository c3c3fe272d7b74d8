/* evbuffer_search, evbuffer_search_range, evbuffer_ptr_set and
 * evbuffer_copyout_from/peek from a position, with matches straddling chain
 * boundaries and ranges ending just before, at and after a match. */
#include <event2/buffer.h>
#include <event2/buffer_compat.h>
#include <stdio.h>
#include <string.h>

static struct evbuffer *make(void)
{
	static const char *p[] = {"abcab", "cabca", "b", "xyzab", "c", "hello world", "ab"};
	struct evbuffer *b = evbuffer_new();
	int i;
	for (i = 0; i < 7; ++i)
		evbuffer_add_reference(b, p[i], strlen(p[i]), NULL, NULL);
	return b;
}

int main(void)
{
	struct evbuffer *b = make();
	struct evbuffer_ptr p, q, end;
	const char *needles[] = {"abc", "cab", "bx", "abcabcab", "world", "ab", "zz", "o w", "d", "a"};
	int i, r;
	char out[64];
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("len %zu\n", evbuffer_get_length(b));
	for (i = 0; i < 10; ++i) {
		printf("%s:", needles[i]);
		p = evbuffer_search(b, needles[i], strlen(needles[i]), NULL);
		while (p.pos >= 0) {
			printf(" %zd", p.pos);
			if (evbuffer_ptr_set(b, &p, 1, EVBUFFER_PTR_ADD) < 0)
				break;
			p = evbuffer_search(b, needles[i], strlen(needles[i]), &p);
		}
		printf("\n");
	}
	p = evbuffer_search(b, "", 0, NULL);
	printf("empty needle %zd\n", p.pos);
	for (i = 0; i <= 12; ++i) {
		evbuffer_ptr_set(b, &end, (size_t)i, EVBUFFER_PTR_SET);
		p = evbuffer_search_range(b, "cabc", 4, NULL, &end);
		q = evbuffer_search_range(b, "abc", 3, NULL, &end);
		printf("range end %d: cabc %zd abc %zd\n", i, p.pos, q.pos);
	}
	evbuffer_ptr_set(b, &p, 3, EVBUFFER_PTR_SET);
	evbuffer_ptr_set(b, &end, 13, EVBUFFER_PTR_SET);
	q = evbuffer_search_range(b, "ab", 2, &p, &end);
	printf("range 3..13 ab %zd\n", q.pos);
	q = evbuffer_search_range(b, "ab", 2, &p, NULL);
	printf("range 3.. ab %zd\n", q.pos);

	for (i = 0; i < 40; i += 7) {
		r = evbuffer_ptr_set(b, &p, (size_t)i, EVBUFFER_PTR_SET);
		memset(out, 0, sizeof(out));
		printf("ptr %d: r=%d pos=%zd copy=%zd", i, r, p.pos,
		    r == 0 ? evbuffer_copyout_from(b, &p, out, 6) : (ev_ssize_t)-2);
		printf(" [%s]\n", out);
	}
	r = evbuffer_ptr_set(b, &p, evbuffer_get_length(b), EVBUFFER_PTR_SET);
	printf("ptr at end r=%d pos=%zd\n", r, p.pos);
	r = evbuffer_ptr_set(b, &p, 0, EVBUFFER_PTR_ADD);
	printf("add 0 at end r=%d pos=%zd\n", r, p.pos);
	r = evbuffer_ptr_set(b, &p, 1, EVBUFFER_PTR_ADD);
	printf("add 1 at end r=%d pos=%zd\n", r, p.pos);
	r = evbuffer_ptr_set(b, &p, 1000, EVBUFFER_PTR_SET);
	printf("beyond r=%d pos=%zd\n", r, p.pos);
	evbuffer_ptr_set(b, &p, 2, EVBUFFER_PTR_SET);
	r = evbuffer_ptr_set(b, &p, 9, EVBUFFER_PTR_ADD);
	printf("2+9 r=%d pos=%zd\n", r, p.pos);
	{
		struct evbuffer_iovec v[4];
		int n = evbuffer_peek(b, 12, &p, v, 4), k;
		printf("peek from 11: %d", n);
		for (k = 0; k < n && k < 4; ++k)
			printf(" %zu:%.*s", v[k].iov_len, (int)v[k].iov_len, (char *)v[k].iov_base);
		printf("\n");
		n = evbuffer_peek(b, -1, &p, NULL, 0);
		printf("peek count from 11: %d\n", n);
		n = evbuffer_peek(b, 5, NULL, v, 1);
		printf("peek 5 with 1 vec: %d %zu\n", n, v[0].iov_len);
		n = evbuffer_peek(b, -1, NULL, v, 2);
		printf("peek all with 2 vecs: %d\n", n);
		n = evbuffer_peek(b, 0, NULL, v, 2);
		printf("peek 0: %d\n", n);
	}
	{
		unsigned char *f = evbuffer_find(b, (const unsigned char *)"lo wo", 5);
		printf("find %d %.5s len=%zu contig=%zu\n", f != NULL, f ? (char *)f : "", evbuffer_get_length(b),
		    evbuffer_get_contiguous_space(b));
		f = evbuffer_find(b, (const unsigned char *)"nothere", 7);
		printf("find missing %d\n", f != NULL);
		printf("EVBUFFER_LENGTH %zu EVBUFFER_DATA %.*s\n", EVBUFFER_LENGTH(b), (int)EVBUFFER_LENGTH(b),
		    (char *)EVBUFFER_DATA(b));
	}
	evbuffer_free(b);
	return 0;
}
