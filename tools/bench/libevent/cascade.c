/* cascade-active: each callback event_active()s the next of a ring of
 * fd-less events, so a whole chain runs inside loop passes without the
 * kernel.  Per op = one hop (activate + dispatch one callback).
 * (cascade-fd, the same chain through socketpairs, is in pipechain.c.) */
#include "../harness/workloads.h"

#include <event2/event.h>
#include <stdint.h>
#include <stdlib.h>

static struct {
	struct event **ring;
	long long n, hops, target;
} cascade;

static void on_active(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what;
	if (++cascade.hops < cascade.target) {
		long long next = (intptr_t)arg + 1;
		if (next == cascade.n)
			next = 0;
		event_active(cascade.ring[next], EV_READ, 1);
	}
}

static int run_cascade(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	long long n = bench_size(w);
	struct event_base *base = event_base_new();
	cascade.ring = calloc((size_t)n, sizeof *cascade.ring);
	if (!base || !cascade.ring)
		bench_fail("cascade setup");
	cascade.n = n;
	cascade.hops = 0;
	cascade.target = ops;
	for (long long i = 0; i < n; i++)
		if (!(cascade.ring[i] = event_new(base, -1, 0, on_active, (void *)(intptr_t)i)))
			bench_fail("cascade event_new");

	long long passes = 0;
	bench_begin();
	event_active(cascade.ring[0], EV_READ, 1);
	while (cascade.hops < ops) {
		if (event_base_loop(base, EVLOOP_ONCE) < 0)
			bench_fail("event_base_loop");
		passes++;
	}
	bench_end();

	for (long long i = 0; i < n; i++)
		event_free(cascade.ring[i]);
	free(cascade.ring);
	event_base_free(base);
	out->ops = cascade.hops;
	out->passes = passes;
	return 0;
}

static struct bench_workload cascade_workloads[] = {
	BENCH_CASCADE_WORKLOADS(run_cascade),
};
BENCH_REGISTER(cascade_workloads)
