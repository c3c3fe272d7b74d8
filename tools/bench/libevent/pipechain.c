/* pipechain: N socketpairs, A bytes in flight.  Each read callback takes its
 * byte and writes one into the next pair, so every loop pass serves about A
 * events out of N registered fds.  Per op = one callback (one event).
 * cascade-fd is the same chain with a single byte: per op = one hop. */
#include "../harness/workloads.h"

#include <event2/event.h>
#include <stdint.h>
#include <stdlib.h>

static void on_readable(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what;
	bench_chain_hop((intptr_t)arg);
}

static int run_chain(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	long long n = bench_size(w);
	struct event_base *base = event_base_new();
	struct event **evs = calloc((size_t)n, sizeof *evs);
	if (!base || !evs)
		bench_fail("pipechain setup");
	bench_chain_open(n, w->active, ops);
	for (long long i = 0; i < n; i++) {
		evs[i] = event_new(base, bench_chain.pairs[i][0], EV_READ | EV_PERSIST, on_readable,
		                   (void *)(intptr_t)i);
		if (!evs[i] || event_add(evs[i], NULL) != 0)
			bench_fail("pipechain event_add");
	}

	bench_begin();
	long long passes = 0;
	while (bench_chain.fired < bench_chain.target) {
		if (event_base_loop(base, EVLOOP_ONCE) < 0)
			bench_fail("event_base_loop");
		passes++;
	}
	bench_end();

	for (long long i = 0; i < n; i++)
		event_free(evs[i]);
	free(evs);
	event_base_free(base);
	bench_chain_close();
	out->ops = bench_chain.fired;
	out->passes = passes;
	return 0;
}

static struct bench_workload chain_workloads[] = {BENCH_CHAIN_WORKLOADS(run_chain)};
BENCH_REGISTER(chain_workloads)
