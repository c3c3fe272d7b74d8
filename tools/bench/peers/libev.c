/* Peer: the pipechain, re-arm and timer workloads on libev, each written the
 * way libev is meant to be used (ev_io watchers, ev_run(EVRUN_ONCE) per
 * pass, ev_timer_again for re-adding a pending timer). */
#include "../harness/workloads.h"

#include <ev.h>
#include <stdlib.h>

static struct ev_loop *new_loop(void)
{
	struct ev_loop *loop = ev_loop_new(EVBACKEND_EPOLL);
	if (!loop)
		bench_fail("ev_loop_new");
	return loop;
}

/* pipechain / cascade-fd */

static void on_chain(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop, (void)revents;
	bench_chain_hop((long long)(size_t)w->data);
}

static int run_chain(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	long long n = bench_size(w);
	struct ev_loop *loop = new_loop();
	ev_io *ios = calloc((size_t)n, sizeof *ios);
	if (!ios)
		bench_fail("calloc");
	bench_chain_open(n, w->active, ops);
	for (long long i = 0; i < n; i++) {
		ev_io_init(&ios[i], on_chain, bench_chain.pairs[i][0], EV_READ);
		ios[i].data = (void *)(size_t)i;
		ev_io_start(loop, &ios[i]);
	}
	long long passes = 0;
	bench_begin();
	while (bench_chain.fired < bench_chain.target) {
		ev_run(loop, EVRUN_ONCE);
		passes++;
	}
	bench_end();
	for (long long i = 0; i < n; i++)
		ev_io_stop(loop, &ios[i]);
	free(ios);
	ev_loop_destroy(loop);
	bench_chain_close();
	out->ops = bench_chain.fired;
	out->passes = passes;
	return 0;
}

/* rearm-tight / rearm-pass: ev_io_stop + ev_io_start */

static long long rearm_fired;

static void on_rearm(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)revents;
	rearm_fired++;
	ev_io_stop(loop, w);
	ev_io_start(loop, w);
}

static int run_rearm(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	int tight = w->active == 0, pair[2];
	struct ev_loop *loop = new_loop();
	bench_pair_open(pair, !tight);
	ev_io io;
	ev_io_init(&io, on_rearm, pair[0], EV_READ);
	ev_io_start(loop, &io);
	rearm_fired = 0;
	long long passes = 0;
	bench_begin();
	if (tight) {
		for (long long i = 0; i < ops; i++) {
			ev_io_stop(loop, &io);
			ev_io_start(loop, &io);
		}
	} else {
		while (rearm_fired < ops) {
			ev_run(loop, EVRUN_ONCE);
			passes++;
		}
	}
	bench_end();
	ev_io_stop(loop, &io);
	ev_loop_destroy(loop);
	bench_pair_close(pair);
	out->ops = tight ? ops : rearm_fired;
	out->passes = passes;
	return 0;
}

/* timers */

struct timer {
	ev_timer w;
	double after;
};

static long long timers_fired;

static void on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)revents;
	struct timer *t = (struct timer *)w;
	timers_fired++;
	ev_timer_set(w, t->after, 0.);
	ev_timer_start(loop, w);
}

static int run_timers(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	int kind = (int)w->active;
	long long n = bench_size(w);
	struct ev_loop *loop = new_loop();
	struct timer *ts = calloc((size_t)n, sizeof *ts);
	if (!ts)
		bench_fail("calloc");
	for (long long i = 0; i < n; i++) {
		ts[i].after = bench_timer_us(kind == BENCH_TIMER_FIRE) * 1e-6;
		ev_timer_init(&ts[i].w, on_timer, ts[i].after, 0.);
		if (kind != BENCH_TIMER_ADD)
			ev_timer_start(loop, &ts[i].w);
	}
	if (kind == BENCH_TIMER_READD)
		for (long long i = 0; i < n; i++)
			ts[i].w.repeat = bench_timer_us(0) * 1e-6;
	long long passes = 0, done = n;
	timers_fired = 0;
	bench_begin();
	switch (kind) {
	case BENCH_TIMER_ADD:
		for (long long i = 0; i < n; i++)
			ev_timer_start(loop, &ts[i].w);
		break;
	case BENCH_TIMER_READD:
		for (long long i = 0; i < n; i++)
			ev_timer_again(loop, &ts[i].w);
		break;
	case BENCH_TIMER_DEL:
		for (long long i = 0; i < n; i++)
			ev_timer_stop(loop, &ts[i].w);
		break;
	default:
		while (timers_fired < ops) {
			ev_run(loop, EVRUN_ONCE);
			passes++;
		}
		done = timers_fired;
	}
	bench_end();
	for (long long i = 0; i < n; i++)
		ev_timer_stop(loop, &ts[i].w);
	free(ts);
	ev_loop_destroy(loop);
	out->ops = done;
	out->passes = passes;
	return 0;
}

static struct bench_workload libev_workloads[] = {
	BENCH_CHAIN_WORKLOADS(run_chain),
	BENCH_REARM_WORKLOADS(run_rearm),
	BENCH_TIMER_WORKLOADS(run_timers),
};
BENCH_REGISTER(libev_workloads)
