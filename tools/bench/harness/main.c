/* Benchmark program entry point: runs the registered workloads and prints
 * one tab-separated line per workload for tools/bench/run:
 *   impl  name  unit  ops  passes  nanoseconds
 * Options: --list, --only NAME[,NAME...], --smoke, --ops-scale F;
 * --has-callgrind prints whether the region brackets callgrind. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#ifdef BENCH_HAVE_CALLGRIND
#include <valgrind/callgrind.h>
#else /* built without valgrind's headers: tools/bench/run refuses callgrind mode */
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#ifndef BENCH_IMPL
#error "BENCH_IMPL names the implementation this program measures"
#endif

/* fd numbers no process can have: strace shows these close() calls, and the
 * driver counts only the system calls between them. */
enum { MARK_BEGIN = -1001, MARK_END = -1002 };

static struct bench_workload *workloads, **workloads_tail = &workloads;
static int smoke;
static struct timespec region_start, region_end;
static int region_state; /* 0 before begin, 1 inside, 2 after end */
static unsigned random_state = 12345u;

void bench_register(struct bench_workload *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		list[i].next = NULL;
		*workloads_tail = &list[i];
		workloads_tail = &list[i].next;
	}
}

void bench_fail(const char *what)
{
	fprintf(stderr, "bench (%s): %s\n", BENCH_IMPL, what);
	exit(1);
}

void bench_begin(void)
{
	if (region_state != 0)
		bench_fail("bench_begin called twice");
	region_state = 1;
	close(MARK_BEGIN);
	clock_gettime(CLOCK_MONOTONIC, &region_start);
	CALLGRIND_START_INSTRUMENTATION;
}

void bench_end(void)
{
	CALLGRIND_STOP_INSTRUMENTATION;
	clock_gettime(CLOCK_MONOTONIC, &region_end);
	close(MARK_END);
	if (region_state != 1)
		bench_fail("bench_end without bench_begin");
	region_state = 2;
}

long long bench_size(const struct bench_workload *w)
{
	if (w->size < 0) /* "as many socketpairs as the fd limit allows" */
		return smoke ? w->smoke_size : bench_max_pairs();
	return smoke ? w->smoke_size : w->size;
}

unsigned bench_random(void)
{
	/* xorshift32: fast, and the same sequence everywhere. */
	random_state ^= random_state << 13;
	random_state ^= random_state >> 17;
	random_state ^= random_state << 5;
	return random_state;
}

long long bench_max_pairs(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		bench_fail("getrlimit");
	long long limit = rl.rlim_cur == RLIM_INFINITY ? 1 << 20 : (long long)rl.rlim_cur;
	return (limit - 64) / 2;
}

static int selected(const char *only, const char *name)
{
	if (!only)
		return 1;
	size_t len = strlen(name);
	for (const char *p = only; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && memcmp(p, name, n) == 0)
			return 1;
		p += n + (comma != NULL);
	}
	return 0;
}

static long long elapsed_ns(void)
{
	return (region_end.tv_sec - region_start.tv_sec) * 1000000000LL +
	       (region_end.tv_nsec - region_start.tv_nsec);
}

int main(int argc, char **argv)
{
	const char *only = NULL;
	double scale = 1.0;
	int list = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0)
			list = 1;
		else if (strcmp(argv[i], "--has-callgrind") == 0) {
#ifdef BENCH_HAVE_CALLGRIND
			puts("yes");
#else
			puts("no");
#endif
			return 0;
		}
		else if (strcmp(argv[i], "--smoke") == 0)
			smoke = 1;
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			only = argv[++i];
		else if (strcmp(argv[i], "--ops-scale") == 0 && i + 1 < argc)
			scale = atof(argv[++i]);
		else {
			fprintf(stderr, "usage: %s [--list | --has-callgrind] [--smoke] [--only NAME,...] "
			        "[--ops-scale F]\n",
			        argv[0]);
			return 2;
		}
	}
	int ran = 0;
	for (struct bench_workload *w = workloads; w; w = w->next) {
		if (!selected(only, w->name))
			continue;
		if (list) {
			printf("%s\t%s\t%s\n", BENCH_IMPL, w->name, w->unit);
			continue;
		}
		long long ops = smoke ? w->smoke_ops : (long long)(w->ops * scale);
		if (ops < 1)
			ops = 1;
		struct bench_result r = {0, 0};
		random_state = 12345u;
		region_state = 0;
		if (w->run(w, ops, &r) != 0 || region_state != 2 || r.ops <= 0)
			bench_fail(w->name);
		printf("%s\t%s\t%s\t%lld\t%lld\t%lld\n", BENCH_IMPL, w->name, w->unit, r.ops, r.passes,
		       elapsed_ns());
		fflush(stdout);
		ran++;
	}
	if (!list && ran == 0 && only)
		bench_fail("no workload matched --only");
	return 0;
}
