/* evbuffer chain layout as a program can observe it: chain counts through
 * evbuffer_peek, free space through evbuffer_reserve_space, and how add,
 * prepend, expand, pullup, drain and reserve/commit change them. */
#include <event2/buffer.h>
#include <event2/event.h>
#include <stdio.h>
#include <string.h>

static void show(const char *what, struct evbuffer *b)
{
	struct evbuffer_iovec v[16];
	int n = evbuffer_peek(b, -1, NULL, v, 16);
	int i;
	printf("%s: len=%zu contig=%zu chains=%d [", what, evbuffer_get_length(b),
	    evbuffer_get_contiguous_space(b), n);
	for (i = 0; i < n && i < 16; ++i)
		printf("%s%zu", i ? "," : "", v[i].iov_len);
	printf("]\n");
}

static void space(const char *what, struct evbuffer *b, ev_ssize_t want, int nvec)
{
	struct evbuffer_iovec v[8];
	int n = evbuffer_reserve_space(b, want, v, nvec);
	int i;
	printf("%s: reserve(%zd,%d)=%d [", what, want, nvec, n);
	for (i = 0; i < n; ++i)
		printf("%s%zu", i ? "," : "", v[i].iov_len);
	printf("]\n");
}

int main(void)
{
	static char big[70000];
	struct evbuffer *b = evbuffer_new();
	struct evbuffer_iovec v[8];
	int i, n;
	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(big, 'x', sizeof(big) - 1);

	show("empty", b);
	space("empty", b, 1, 1);
	show("after reserve", b);
	evbuffer_add(b, "hello", 5);
	show("add5", b);
	space("add5", b, 10, 1);
	space("add5", b, 2000, 1);
	show("after big reserve", b);
	for (i = 0; i < 10; ++i)
		evbuffer_add(b, big, 300);
	show("add300x10", b);
	evbuffer_add(b, big, 5000);
	show("add5000", b);
	evbuffer_add(b, big, 70000);
	show("add70000", b);
	evbuffer_drain(b, 2000);
	show("drain2000", b);
	evbuffer_prepend(b, "abc", 3);
	show("prepend3", b);
	evbuffer_prepend(b, big, 3000);
	show("prepend3000", b);
	printf("pullup100 %d\n", evbuffer_pullup(b, 100) != NULL);
	show("pullup100", b);
	printf("pullup5000 %d\n", evbuffer_pullup(b, 5000) != NULL);
	show("pullup5000", b);
	printf("pullup too much %d\n", evbuffer_pullup(b, 1000000) != NULL);
	evbuffer_drain(b, evbuffer_get_length(b));
	show("drained", b);
	space("drained", b, 100, 3);
	space("drained", b, 5000, 3);
	space("drained", b, 5000, 1);
	n = evbuffer_reserve_space(b, 3000, v, 2);
	for (i = 0; i < n; ++i) {
		memset(v[i].iov_base, 'a' + i, v[i].iov_len);
		if (i == n - 1) v[i].iov_len = 10;
	}
	printf("commit %d\n", evbuffer_commit_space(b, v, n));
	show("committed", b);
	printf("commit again %d\n", evbuffer_commit_space(b, v, n));
	space("after commit", b, 100, 4);
	space("after commit", b, 100000, 4);
	for (i = 0; i < 6; ++i)
		evbuffer_add(b, big, 1000);
	show("add1000x6", b);
	printf("expand %d\n", evbuffer_expand(b, 10000));
	show("expand", b);
	space("expand", b, 1, 1);
	evbuffer_free(b);

	b = evbuffer_new();
	for (i = 0; i < 20; ++i)
		evbuffer_prepend(b, big, 100);
	show("prepend100x20", b);
	evbuffer_drain(b, 50);
	evbuffer_prepend(b, "z", 1);
	show("drain+prepend", b);
	evbuffer_drain(b, evbuffer_get_length(b) - 10);
	evbuffer_add(b, big, 990);
	show("realign", b);
	evbuffer_free(b);

	b = evbuffer_new();
	{
		struct evbuffer_iovec iv[3];
		iv[0].iov_base = big; iv[0].iov_len = 10;
		iv[1].iov_base = big; iv[1].iov_len = 2000;
		iv[2].iov_base = big; iv[2].iov_len = 3;
		printf("add_iovec %zu\n", evbuffer_add_iovec(b, iv, 3));
		show("iovec", b);
		printf("add_iovec %zu\n", evbuffer_add_iovec(b, iv, 3));
		show("iovec2", b);
	}
	printf("printf %d\n", evbuffer_add_printf(b, "%d-%s-%5.2f", 42, "str", 3.14159));
	printf("printf %d\n", evbuffer_add_printf(b, "%s", big + 60000));
	show("printf", b);
	evbuffer_free(b);
	return 0;
}
