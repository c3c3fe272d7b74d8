/* The shared workload tables: names, sizes and op counts, defined once so
 * every loop library measures exactly the same thing.  Fields: name, unit,
 * run, size, active, ops, smoke_size, smoke_ops. */
#ifndef EVCXX_BENCH_WORKLOADS_H
#define EVCXX_BENCH_WORKLOADS_H

#include "bench.h"

/* pipechain: N pairs x A bytes in flight (size -1 = the fd limit);
 * cascade-fd: the same chain with one byte, per hop. */
#define BENCH_CHAIN_WORKLOADS(run)                                                  \
	{"pipechain-100x10", "event", run, 100, 10, 300000, 10, 200, NULL},         \
	{"pipechain-1000x100", "event", run, 1000, 100, 500000, 100, 1000, NULL},   \
	{"pipechain-fdmax-x1000", "event", run, -1, 1000, 500000, 200, 1000, NULL}, \
	{"cascade-fd", "hop", run, 100, 1, 200000, 10, 200, NULL}

/* re-arm: active 0 = back to back, 1 = once per loop pass. */
#define BENCH_REARM_WORKLOADS(run)                                   \
	{"rearm-tight", "op", run, 1, 0, 1000000, 1, 1000, NULL},    \
	{"rearm-pass", "pass", run, 1, 1, 500000, 1, 1000, NULL}

/* cascade-active: a ring of 100 fd-less events, per hop. */
#define BENCH_CASCADE_WORKLOADS(run) \
	{"cascade-active", "hop", run, 100, 0, 2000000, 10, 1000, NULL}

/* Timers: active = the kind, plus BENCH_TIMER_COMMON for a shared duration
 * (event_base_init_common_timeout, libevent only). add/readd/del do one op
 * per timer; fire runs `ops` fires. */
enum { BENCH_TIMER_ADD, BENCH_TIMER_READD, BENCH_TIMER_DEL, BENCH_TIMER_FIRE,
       BENCH_TIMER_KIND = 3, BENCH_TIMER_COMMON = 4 };

#define BENCH_TIMER(run, name, n, kind)                                                  \
	{"timers-" name, ((kind) & BENCH_TIMER_KIND) == BENCH_TIMER_FIRE ? "fire" : "op", \
	 run, n, kind, ((kind) & BENCH_TIMER_KIND) == BENCH_TIMER_FIRE ? 3 * (n) : (n),   \
	 1000, ((kind) & BENCH_TIMER_KIND) == BENCH_TIMER_FIRE ? 3000 : 1000, NULL}

#define BENCH_TIMER_SIZES(run, suffix, flags)                                          \
	BENCH_TIMER(run, "add" suffix "-10k", 10000, BENCH_TIMER_ADD | (flags)),       \
	BENCH_TIMER(run, "readd" suffix "-10k", 10000, BENCH_TIMER_READD | (flags)),   \
	BENCH_TIMER(run, "del" suffix "-10k", 10000, BENCH_TIMER_DEL | (flags)),       \
	BENCH_TIMER(run, "fire" suffix "-10k", 10000, BENCH_TIMER_FIRE | (flags)),     \
	BENCH_TIMER(run, "add" suffix "-1m", 1000000, BENCH_TIMER_ADD | (flags)),      \
	BENCH_TIMER(run, "readd" suffix "-1m", 1000000, BENCH_TIMER_READD | (flags)),  \
	BENCH_TIMER(run, "del" suffix "-1m", 1000000, BENCH_TIMER_DEL | (flags)),      \
	BENCH_TIMER(run, "fire" suffix "-1m", 1000000, BENCH_TIMER_FIRE | (flags))

#define BENCH_TIMER_WORKLOADS(run) BENCH_TIMER_SIZES(run, "", 0)
#define BENCH_COMMON_TIMER_WORKLOADS(run) BENCH_TIMER_SIZES(run, "-common", BENCH_TIMER_COMMON)

#endif
