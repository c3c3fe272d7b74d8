/* Benchmark harness shared by every benchmark program (libevent built twice,
 * libev, libuv, raw epoll).  A workload is one entry of a registration
 * table; a file adds its entries with BENCH_REGISTER, so a new workload is
 * one new file listed in tools/bench/meson.build. */
#ifndef EVCXX_BENCH_H
#define EVCXX_BENCH_H

#include <stddef.h>

struct bench_workload;

/* What a workload reports about its measured region. */
struct bench_result {
	long long ops;    /* operations done inside the region (the divisor) */
	long long passes; /* event-loop passes inside the region (0 = none) */
};

typedef int (*bench_fn)(const struct bench_workload *w, long long ops,
                        struct bench_result *out);

struct bench_workload {
	const char *name;  /* "pipechain-1000x100"; the driver's key */
	const char *unit;  /* what one op is: "event", "hop", "op", "fire" */
	bench_fn run;
	long long size;    /* workload-specific: fds, timers, events */
	long long active;  /* workload-specific second parameter */
	long long ops;     /* default number of ops */
	long long smoke_size, smoke_ops;
	struct bench_workload *next;
};

/* Brackets the measured region: the clock, callgrind's instrumentation and
 * the markers the driver's syscall count looks for in strace output.
 * Exactly one begin/end pair per run. */
void bench_begin(void);
void bench_end(void);

/* Current settings for the running workload (smoke mode shrinks sizes). */
long long bench_size(const struct bench_workload *w);

/* Deterministic pseudo-random numbers (same sequence for every build). */
unsigned bench_random(void);

/* Print a message and exit 1; for setup failures. */
void bench_fail(const char *what);

void bench_register(struct bench_workload *list, size_t n);

#define BENCH_REGISTER(table)                                                 \
	__attribute__((constructor)) static void bench_register_##table(void) \
	{                                                                     \
		bench_register(table, sizeof(table) / sizeof(table[0]));      \
	}

/* The largest number of socketpairs the fd limit allows, keeping a margin
 * for the loop's own descriptors. */
long long bench_max_pairs(void);

/* The token chain of pipechain and cascade-fd, shared by every loop
 * library: n socketpairs, `active` bytes in flight, `ops` hops in all.
 * chain_open makes the pairs and writes the first bytes; a loop watches
 * bench_chain.pairs[i][0] for reading and calls chain_hop(i) when it is
 * readable; the run is over when chain.fired reaches the target. */
struct bench_chain {
	int (*pairs)[2];
	long long n, fired, writes_left, target;
};
extern struct bench_chain bench_chain;
void bench_chain_open(long long n, long long active, long long ops);
void bench_chain_hop(long long i);
void bench_chain_close(void);

/* The re-arm workloads' socketpair; with `readable`, one byte is written
 * and never read, so pair[0] stays readable. */
void bench_pair_open(int pair[2], int readable);
void bench_pair_close(int pair[2]);

/* Timer durations in microseconds: short ones (under a millisecond) for the
 * fire workloads, long ones (one to two seconds) that never fire for
 * add/readd/del. */
long bench_timer_us(int short_timer);

#endif
