/* Socketpairs for the workloads: the token chain behind pipechain and
 * cascade-fd, the re-arm pair; and the timer durations (bench.h). */
#include "bench.h"

#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct bench_chain bench_chain;

void bench_chain_open(long long n, long long active, long long ops)
{
	if (active > n)
		active = n;
	if (ops < active)
		ops = active;
	bench_chain.pairs = calloc((size_t)n, sizeof *bench_chain.pairs);
	if (!bench_chain.pairs)
		bench_fail("chain calloc");
	bench_chain.n = n;
	bench_chain.fired = 0;
	bench_chain.target = ops;
	bench_chain.writes_left = ops - active;
	for (long long i = 0; i < n; i++)
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, bench_chain.pairs[i]) != 0)
			bench_fail("socketpair (raise the fd limit?)");
	long long space = n / active;
	for (long long i = 0; i < active; i++)
		if (write(bench_chain.pairs[i * space][1], "e", 1) != 1)
			bench_fail("chain first write");
}

void bench_chain_hop(long long i)
{
	char c;
	if (read(bench_chain.pairs[i][0], &c, 1) != 1)
		bench_fail("chain read");
	bench_chain.fired++;
	if (bench_chain.writes_left > 0) {
		bench_chain.writes_left--;
		long long next = i + 1 == bench_chain.n ? 0 : i + 1;
		if (write(bench_chain.pairs[next][1], "e", 1) != 1)
			bench_fail("chain write");
	}
}

void bench_chain_close(void)
{
	for (long long i = 0; i < bench_chain.n; i++) {
		close(bench_chain.pairs[i][0]);
		close(bench_chain.pairs[i][1]);
	}
	free(bench_chain.pairs);
	bench_chain.pairs = NULL;
}

void bench_pair_open(int pair[2], int readable)
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
		bench_fail("socketpair");
	if (readable && write(pair[1], "e", 1) != 1)
		bench_fail("pair write");
}

void bench_pair_close(int pair[2])
{
	close(pair[0]);
	close(pair[1]);
}

long bench_timer_us(int short_timer)
{
	return short_timer ? 1 + (long)(bench_random() % 1000u)
	                   : 1000000 + (long)(bench_random() % 1000000u);
}
