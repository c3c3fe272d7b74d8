/* Sizes near SIZE_MAX and EV_SSIZE_MAX are refused cleanly and leave the
 * buffer as it was (CVE-2014-6272 was an integer overflow in these paths),
 * and large printf output lands whole. */
#include <event2/buffer.h>
#include <event2/event.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void logcb(int sev, const char *msg)
{
	(void)msg;
	printf("  log severity %d\n", sev);
}

static void check(const char *what, int r, struct evbuffer *b)
{
	char tmp[16] = {0};
	evbuffer_copyout(b, tmp, sizeof(tmp) - 1);
	printf("%s -> %d len=%zu [%s]\n", what, r, evbuffer_get_length(b), tmp);
}

int main(void)
{
	struct evbuffer *b = evbuffer_new(), *c = evbuffer_new();
	struct evbuffer_iovec v[4];
	struct evbuffer_ptr p;
	static char big[1 << 20];
	int r;
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_log_callback(logcb);
	evbuffer_add(b, "intact", 6);
	check("start", 0, b);
	r = evbuffer_expand(b, SIZE_MAX);
	check("expand SIZE_MAX", r, b);
	r = evbuffer_expand(b, SIZE_MAX - 64);
	check("expand SIZE_MAX-64", r, b);
	r = evbuffer_expand(b, (size_t)INT64_MAX);
	check("expand SSIZE_MAX", r, b);
	r = evbuffer_expand(b, (size_t)INT64_MAX - 40);
	check("expand SSIZE_MAX-40", r, b);
	r = evbuffer_add(b, big, SIZE_MAX - 10);
	check("add SIZE_MAX-10", r, b);
	r = evbuffer_add(b, big, SIZE_MAX);
	check("add SIZE_MAX", r, b);
	r = evbuffer_add(b, big, (size_t)INT64_MAX);
	check("add SSIZE_MAX", r, b);
	r = evbuffer_prepend(b, big, SIZE_MAX - 3);
	check("prepend SIZE_MAX-3", r, b);
	r = evbuffer_prepend(b, big, (size_t)INT64_MAX + 1);
	check("prepend SSIZE_MAX+1", r, b);
	r = evbuffer_reserve_space(b, INT64_MAX, v, 1);
	check("reserve SSIZE_MAX x1", r, b);
	r = evbuffer_reserve_space(b, INT64_MAX, v, 2);
	check("reserve SSIZE_MAX x2", r, b);
	r = evbuffer_reserve_space(b, INT64_MAX - 100, v, 4);
	check("reserve SSIZE_MAX-100 x4", r, b);
	{
		/* A width past INT_MAX: vsnprintf fails at once. */
		const char *fmt = "%2147483648d";
		r = evbuffer_add_printf(b, fmt, 1);
		check("printf width over INT_MAX", r, b);
	}
	r = (int)evbuffer_copyout(b, big, SIZE_MAX);
	check("copyout SIZE_MAX", r, b);
	r = evbuffer_pullup(b, INT64_MAX) != NULL;
	check("pullup SSIZE_MAX", r, b);
	r = evbuffer_ptr_set(b, &p, SIZE_MAX, EVBUFFER_PTR_SET);
	check("ptr_set SIZE_MAX", r, b);
	evbuffer_ptr_set(b, &p, 3, EVBUFFER_PTR_SET);
	r = evbuffer_ptr_set(b, &p, SIZE_MAX - 1, EVBUFFER_PTR_ADD);
	check("ptr_set add SIZE_MAX-1", r, b);
	r = evbuffer_peek(b, INT64_MAX, NULL, v, 4);
	check("peek SSIZE_MAX", r, b);
	r = evbuffer_read(b, -1, INT_MAX);
	check("read bad fd INT_MAX", r, b);
	r = evbuffer_remove_buffer(b, c, SIZE_MAX);
	check("remove_buffer SIZE_MAX", r, c);
	r = evbuffer_drain(c, SIZE_MAX);
	check("drain SIZE_MAX", r, c);

	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	r = evbuffer_add_printf(c, "<%s>", big);
	check("printf 1MiB", r, c);
	r = evbuffer_add_printf(c, "%0*d", 100000, 7);
	check("printf width 100000", r, c);
	{
		struct evbuffer_iovec pv[8];
		int n = evbuffer_peek(c, -1, NULL, pv, 8), i;
		printf("chains %d:", n);
		for (i = 0; i < n && i < 8; ++i)
			printf(" %zu", pv[i].iov_len);
		printf("\n");
	}
	evbuffer_free(b);
	evbuffer_free(c);
	return 0;
}
