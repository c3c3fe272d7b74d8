/* Timers, T of them, with random timeouts or (-common) one shared duration
 * registered with event_base_init_common_timeout.
 *   add:   event_add on T idle events (per op = one add)
 *   readd: event_add with a new timeout on T pending events
 *   del:   event_del of T pending timers
 *   fire:  steady state of sub-millisecond timeouts whose callback re-adds
 *          them: per op = one fire (pop + callback + re-add) */
#include "../harness/workloads.h"

#include <event2/event.h>
#include <stdlib.h>

struct timer {
	struct event *ev;
	struct timeval tv;
};

static long long fired;

static void on_fire(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what;
	struct timer *t = arg;
	fired++;
	if (event_add(t->ev, &t->tv) != 0)
		bench_fail("timer re-add");
}

static struct timeval random_timeout(int short_timer)
{
	long us = bench_timer_us(short_timer);
	struct timeval tv = {us / 1000000, us % 1000000};
	return tv;
}

static int run_timers(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	int kind = (int)(w->active & BENCH_TIMER_KIND);
	int common = (w->active & BENCH_TIMER_COMMON) != 0;
	long long n = bench_size(w);
	struct event_base *base = event_base_new();
	struct timer *ts = calloc((size_t)n, sizeof *ts);
	if (!base || !ts)
		bench_fail("timers setup");
	/* Long timeouts never fire during add/readd/del; fire uses short ones. */
	int short_timer = kind == BENCH_TIMER_FIRE;
	const struct timeval *shared = NULL;
	if (common) {
		struct timeval d = {short_timer ? 0 : 1, short_timer ? 500 : 0};
		if (!(shared = event_base_init_common_timeout(base, &d)))
			bench_fail("event_base_init_common_timeout");
	}
	for (long long i = 0; i < n; i++) {
		ts[i].ev = event_new(base, -1, 0, on_fire, &ts[i]);
		ts[i].tv = common ? *shared : random_timeout(short_timer);
		if (!ts[i].ev)
			bench_fail("timers event_new");
		if (kind != BENCH_TIMER_ADD && event_add(ts[i].ev, &ts[i].tv) != 0)
			bench_fail("timers event_add");
	}
	if (kind == BENCH_TIMER_READD)
		for (long long i = 0; i < n; i++)
			ts[i].tv = common ? *shared : random_timeout(short_timer);

	long long passes = 0, done = n;
	fired = 0;
	bench_begin();
	switch (kind) {
	case BENCH_TIMER_ADD:
	case BENCH_TIMER_READD:
		for (long long i = 0; i < n; i++)
			if (event_add(ts[i].ev, &ts[i].tv) != 0)
				bench_fail("timers event_add");
		break;
	case BENCH_TIMER_DEL:
		for (long long i = 0; i < n; i++)
			if (event_del(ts[i].ev) != 0)
				bench_fail("timers event_del");
		break;
	default:
		while (fired < ops) {
			if (event_base_loop(base, EVLOOP_ONCE) < 0)
				bench_fail("event_base_loop");
			passes++;
		}
		done = fired;
	}
	bench_end();

	for (long long i = 0; i < n; i++)
		event_free(ts[i].ev);
	free(ts);
	event_base_free(base);
	out->ops = done;
	out->passes = passes;
	return 0;
}

static struct bench_workload timer_workloads[] = {
	BENCH_TIMER_WORKLOADS(run_timers),
	BENCH_COMMON_TIMER_WORKLOADS(run_timers),
};
BENCH_REGISTER(timer_workloads)
