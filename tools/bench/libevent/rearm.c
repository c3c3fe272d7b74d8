/* fd re-arm: event_del + event_add of one persistent read event.
 * rearm-tight: back to back, no loop pass in between (per op = one pair).
 * rearm-pass: once per loop pass, from the callback of an fd that stays
 * readable (per op = one pass: wait, dispatch, del, add). */
#include "../harness/workloads.h"

#include <event2/event.h>
#include <stdlib.h>

static struct {
	struct event *ev;
	long long fired;
} rearm;

static void on_readable(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what, (void)arg;
	rearm.fired++;
	if (event_del(rearm.ev) != 0 || event_add(rearm.ev, NULL) != 0)
		bench_fail("rearm in callback");
}

static int run_rearm(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	int tight = w->active == 0;
	int pair[2];
	struct event_base *base = event_base_new();
	if (!base)
		bench_fail("rearm setup");
	bench_pair_open(pair, !tight);
	rearm.ev = event_new(base, pair[0], EV_READ | EV_PERSIST, on_readable, NULL);
	rearm.fired = 0;
	if (!rearm.ev || event_add(rearm.ev, NULL) != 0)
		bench_fail("rearm event_add");

	long long passes = 0;
	bench_begin();
	if (tight) {
		for (long long i = 0; i < ops; i++)
			if (event_del(rearm.ev) != 0 || event_add(rearm.ev, NULL) != 0)
				bench_fail("rearm tight");
	} else {
		while (rearm.fired < ops) {
			if (event_base_loop(base, EVLOOP_ONCE) < 0)
				bench_fail("event_base_loop");
			passes++;
		}
	}
	bench_end();

	event_free(rearm.ev);
	event_base_free(base);
	bench_pair_close(pair);
	out->ops = tight ? ops : rearm.fired;
	out->passes = passes;
	return 0;
}

static struct bench_workload rearm_workloads[] = {BENCH_REARM_WORKLOADS(run_rearm)};
BENCH_REGISTER(rearm_workloads)
