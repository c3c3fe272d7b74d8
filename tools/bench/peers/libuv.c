/* Peer: the pipechain, re-arm and timer workloads on libuv (uv_poll_t
 * watchers, uv_run(UV_RUN_ONCE) per pass, uv_timer_start to add or re-add).
 * libuv's timers have millisecond resolution: the fire workload's short
 * timeouts become 1 ms, the long ones whole milliseconds. */
#include "../harness/workloads.h"

#include <stdlib.h>
#include <uv.h>

static uv_loop_t *new_loop(void)
{
	uv_loop_t *loop = malloc(sizeof *loop);
	if (!loop || uv_loop_init(loop) != 0)
		bench_fail("uv_loop_init");
	return loop;
}

static void free_loop(uv_loop_t *loop)
{
	uv_run(loop, UV_RUN_NOWAIT); /* runs the close callbacks */
	if (uv_loop_close(loop) != 0)
		bench_fail("uv_loop_close");
	free(loop);
}

/* pipechain / cascade-fd */

static void on_chain(uv_poll_t *p, int status, int events)
{
	(void)status, (void)events;
	bench_chain_hop((long long)(size_t)p->data);
}

static int run_chain(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	long long n = bench_size(w);
	uv_loop_t *loop = new_loop();
	uv_poll_t *polls = calloc((size_t)n, sizeof *polls);
	if (!polls)
		bench_fail("calloc");
	bench_chain_open(n, w->active, ops);
	for (long long i = 0; i < n; i++) {
		if (uv_poll_init(loop, &polls[i], bench_chain.pairs[i][0]) != 0)
			bench_fail("uv_poll_init");
		polls[i].data = (void *)(size_t)i;
		uv_poll_start(&polls[i], UV_READABLE, on_chain);
	}
	long long passes = 0;
	bench_begin();
	while (bench_chain.fired < bench_chain.target) {
		uv_run(loop, UV_RUN_ONCE);
		passes++;
	}
	bench_end();
	for (long long i = 0; i < n; i++)
		uv_close((uv_handle_t *)&polls[i], NULL);
	free_loop(loop);
	free(polls);
	bench_chain_close();
	out->ops = bench_chain.fired;
	out->passes = passes;
	return 0;
}

/* rearm-tight / rearm-pass: uv_poll_stop + uv_poll_start */

static long long rearm_fired;

static void on_rearm(uv_poll_t *p, int status, int events)
{
	(void)status, (void)events;
	rearm_fired++;
	uv_poll_stop(p);
	uv_poll_start(p, UV_READABLE, on_rearm);
}

static int run_rearm(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	int tight = w->active == 0, pair[2];
	uv_loop_t *loop = new_loop();
	bench_pair_open(pair, !tight);
	uv_poll_t poll;
	if (uv_poll_init(loop, &poll, pair[0]) != 0)
		bench_fail("uv_poll_init");
	uv_poll_start(&poll, UV_READABLE, on_rearm);
	rearm_fired = 0;
	long long passes = 0;
	bench_begin();
	if (tight) {
		for (long long i = 0; i < ops; i++) {
			uv_poll_stop(&poll);
			uv_poll_start(&poll, UV_READABLE, on_rearm);
		}
	} else {
		while (rearm_fired < ops) {
			uv_run(loop, UV_RUN_ONCE);
			passes++;
		}
	}
	bench_end();
	uv_close((uv_handle_t *)&poll, NULL);
	free_loop(loop);
	bench_pair_close(pair);
	out->ops = tight ? ops : rearm_fired;
	out->passes = passes;
	return 0;
}

/* timers */

struct timer {
	uv_timer_t t;
	uint64_t ms;
};

static long long timers_fired;

static void on_timer(uv_timer_t *handle)
{
	struct timer *t = (struct timer *)handle;
	timers_fired++;
	uv_timer_start(handle, on_timer, t->ms, 0);
}

static uint64_t timer_ms(int short_timer)
{
	long us = bench_timer_us(short_timer);
	return short_timer ? 1 : (uint64_t)us / 1000;
}

static int run_timers(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	int kind = (int)w->active;
	long long n = bench_size(w);
	uv_loop_t *loop = new_loop();
	struct timer *ts = calloc((size_t)n, sizeof *ts);
	if (!ts)
		bench_fail("calloc");
	for (long long i = 0; i < n; i++) {
		uv_timer_init(loop, &ts[i].t);
		ts[i].ms = timer_ms(kind == BENCH_TIMER_FIRE);
		if (kind != BENCH_TIMER_ADD)
			uv_timer_start(&ts[i].t, on_timer, ts[i].ms, 0);
	}
	if (kind == BENCH_TIMER_READD)
		for (long long i = 0; i < n; i++)
			ts[i].ms = timer_ms(0);
	long long passes = 0, done = n;
	timers_fired = 0;
	bench_begin();
	switch (kind) {
	case BENCH_TIMER_ADD:
	case BENCH_TIMER_READD:
		for (long long i = 0; i < n; i++)
			uv_timer_start(&ts[i].t, on_timer, ts[i].ms, 0);
		break;
	case BENCH_TIMER_DEL:
		for (long long i = 0; i < n; i++)
			uv_timer_stop(&ts[i].t);
		break;
	default:
		while (timers_fired < ops) {
			uv_run(loop, UV_RUN_ONCE);
			passes++;
		}
		done = timers_fired;
	}
	bench_end();
	for (long long i = 0; i < n; i++)
		uv_close((uv_handle_t *)&ts[i].t, NULL);
	free_loop(loop);
	free(ts);
	out->ops = done;
	out->passes = passes;
	return 0;
}

static struct bench_workload libuv_workloads[] = {
	BENCH_CHAIN_WORKLOADS(run_chain),
	BENCH_REARM_WORKLOADS(run_rearm),
	BENCH_TIMER_WORKLOADS(run_timers),
};
BENCH_REGISTER(libuv_workloads)
