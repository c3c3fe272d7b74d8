/* Peer: the physical limit, a raw epoll loop with no library, doing the
 * least each workload needs: pipechain and cascade-fd dispatch straight
 * from epoll_wait; re-arm records the wanted interest and touches the
 * kernel only when it differs at the next pass; cascade-active drains an
 * intrusive FIFO of callbacks. */
#include "../harness/workloads.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

enum { MAX_READY = 4096 };

static int new_epoll(void)
{
	int fd = epoll_create1(EPOLL_CLOEXEC);
	if (fd < 0)
		bench_fail("epoll_create1");
	return fd;
}

static void watch(int epfd, int op, int fd, uint64_t data)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = data};
	if (epoll_ctl(epfd, op, fd, &ev) != 0)
		bench_fail("epoll_ctl");
}

/* pipechain / cascade-fd */

static int run_chain(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	long long n = bench_size(w);
	int epfd = new_epoll();
	static struct epoll_event ready[MAX_READY];
	bench_chain_open(n, w->active, ops);
	for (long long i = 0; i < n; i++)
		watch(epfd, EPOLL_CTL_ADD, bench_chain.pairs[i][0], (uint64_t)i);
	long long passes = 0;
	bench_begin();
	while (bench_chain.fired < bench_chain.target) {
		int got = epoll_wait(epfd, ready, MAX_READY, -1);
		for (int i = 0; i < got; i++)
			bench_chain_hop((long long)ready[i].data.u64);
		passes++;
	}
	bench_end();
	close(epfd);
	bench_chain_close();
	out->ops = bench_chain.fired;
	out->passes = passes;
	return 0;
}

/* rearm-tight / rearm-pass */

static struct {
	int epfd, fd;
	int wanted, in_kernel;
	long long fired;
} rearm;

__attribute__((noinline)) static void rearm_del(void) { rearm.wanted = 0; }
__attribute__((noinline)) static void rearm_add(void) { rearm.wanted = 1; }

static void rearm_flush(void)
{
	if (rearm.wanted == rearm.in_kernel)
		return;
	watch(rearm.epfd, rearm.wanted ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, rearm.fd, 0);
	rearm.in_kernel = rearm.wanted;
}

static int run_rearm(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	int tight = w->active == 0, pair[2];
	bench_pair_open(pair, !tight);
	rearm.epfd = new_epoll();
	rearm.fd = pair[0];
	rearm.wanted = 1;
	rearm.in_kernel = 0;
	rearm.fired = 0;
	rearm_flush();
	long long passes = 0;
	bench_begin();
	if (tight) {
		for (long long i = 0; i < ops; i++) {
			rearm_del();
			rearm_add();
		}
	} else {
		struct epoll_event ready[8];
		while (rearm.fired < ops) {
			rearm_flush();
			int got = epoll_wait(rearm.epfd, ready, 8, -1);
			for (int i = 0; i < got; i++) {
				rearm.fired++;
				rearm_del();
				rearm_add();
			}
			passes++;
		}
	}
	bench_end();
	close(rearm.epfd);
	bench_pair_close(pair);
	out->ops = tight ? ops : rearm.fired;
	out->passes = passes;
	return 0;
}

/* cascade-active */

struct task {
	struct task *next;
	int queued;
	long long index;
};

static struct {
	struct task *ring, *head, **tail;
	long long n, hops, target;
} cascade;

static void activate(struct task *t)
{
	if (t->queued)
		return;
	t->queued = 1;
	t->next = NULL;
	*cascade.tail = t;
	cascade.tail = &t->next;
}

__attribute__((noinline)) static void on_active(struct task *t)
{
	if (++cascade.hops < cascade.target)
		activate(&cascade.ring[t->index + 1 == cascade.n ? 0 : t->index + 1]);
}

static int run_cascade(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	long long n = bench_size(w);
	cascade.ring = calloc((size_t)n, sizeof *cascade.ring);
	if (!cascade.ring)
		bench_fail("calloc");
	for (long long i = 0; i < n; i++)
		cascade.ring[i].index = i;
	cascade.n = n;
	cascade.hops = 0;
	cascade.target = ops;
	cascade.head = NULL;
	cascade.tail = &cascade.head;
	long long passes = 0;
	bench_begin();
	activate(&cascade.ring[0]);
	while (cascade.hops < ops) {
		while (cascade.head) {
			struct task *t = cascade.head;
			if (!(cascade.head = t->next))
				cascade.tail = &cascade.head;
			t->queued = 0;
			on_active(t);
		}
		passes++;
	}
	bench_end();
	free(cascade.ring);
	out->ops = cascade.hops;
	out->passes = passes;
	return 0;
}

static struct bench_workload epoll_workloads[] = {
	BENCH_CHAIN_WORKLOADS(run_chain),
	BENCH_REARM_WORKLOADS(run_rearm),
	BENCH_CASCADE_WORKLOADS(run_cascade),
};
BENCH_REGISTER(epoll_workloads)
