/* Rate limiting: ev_token_bucket_cfg_new argument checks, per-bufferevent
 * buckets (limits, max_to_read, decrements, reads capped by the bucket and
 * refilled each tick), max_single_read/write, and groups (limits, min
 * share, decrements, totals). Only byte counts are printed, never times. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct event_base *base;
static size_t expect, seen;

static void on_log(int sev, const char *msg) { (void)msg; printf("log severity %d\n", sev); }

static void readcb(struct bufferevent *b, void *arg)
{
	size_t n = evbuffer_get_length(bufferevent_get_input(b));
	if (arg)
		printf("%s read %zu\n", (const char *)arg, n);
	evbuffer_drain(bufferevent_get_input(b), n);
	seen += n;
	if (seen >= expect)
		event_base_loopexit(base, NULL);
}

static void fill(int fd, size_t n)
{
	static char buf[8192];
	while (n) {
		size_t k = n < sizeof buf ? n : sizeof buf;
		ssize_t w = write(fd, buf, k);
		if (w <= 0)
			break;
		n -= (size_t)w;
	}
}

static struct bufferevent *reader(int sv[2], const char *name)
{
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct bufferevent *b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, NULL, NULL, (void *)name);
	return b;
}

int main(void)
{
	int sv[2], sv2[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_log_callback(on_log);
	base = event_base_new();

	puts("-- cfg_new");
	printf("zero rate=%d\n", ev_token_bucket_cfg_new(0, 10, 10, 10, NULL) == NULL);
	printf("rate over burst=%d\n", ev_token_bucket_cfg_new(11, 10, 10, 10, NULL) == NULL);
	printf("write rate over burst=%d\n", ev_token_bucket_cfg_new(10, 10, 11, 10, NULL) == NULL);
	printf("burst over EV_RATE_LIMIT_MAX=%d\n", ev_token_bucket_cfg_new(10, SIZE_MAX, 10, 10, NULL) == NULL);
	printf("rate over EV_RATE_LIMIT_MAX=%d\n",
	       ev_token_bucket_cfg_new((size_t)EV_RATE_LIMIT_MAX + 1, SIZE_MAX, 10, 10, NULL) == NULL);
	struct ev_token_bucket_cfg *big = ev_token_bucket_cfg_new(EV_RATE_LIMIT_MAX, EV_RATE_LIMIT_MAX, 10, 10, NULL);
	printf("at EV_RATE_LIMIT_MAX=%d\n", big != NULL);
	ev_token_bucket_cfg_free(big);

	puts("-- limits of one bufferevent");
	struct timeval hour = {36000, 0};
	struct ev_token_bucket_cfg *slow = ev_token_bucket_cfg_new(1000, 1000, 2000, 4000, &hour);
	struct bufferevent *b = reader(sv, NULL);
	printf("no limit: read=%ld write=%ld max_to_read=%ld max_to_write=%ld cfg=%d\n", (long)bufferevent_get_read_limit(b),
	       (long)bufferevent_get_write_limit(b), (long)bufferevent_get_max_to_read(b),
	       (long)bufferevent_get_max_to_write(b), bufferevent_get_token_bucket_cfg(b) == NULL);
	printf("set_rate_limit=%d\n", bufferevent_set_rate_limit(b, slow));
	printf("cfg=%d\n", bufferevent_get_token_bucket_cfg(b) == slow);
	printf("read=%ld write=%ld max_to_read=%ld max_to_write=%ld\n", (long)bufferevent_get_read_limit(b),
	       (long)bufferevent_get_write_limit(b), (long)bufferevent_get_max_to_read(b), (long)bufferevent_get_max_to_write(b));
	printf("decrement read 300=%d\n", bufferevent_decrement_read_limit(b, 300));
	printf("decrement write 2500=%d\n", bufferevent_decrement_write_limit(b, 2500));
	printf("read=%ld write=%ld max_to_read=%ld max_to_write=%ld\n", (long)bufferevent_get_read_limit(b),
	       (long)bufferevent_get_write_limit(b), (long)bufferevent_get_max_to_read(b), (long)bufferevent_get_max_to_write(b));
	printf("decrement read -200=%d\n", bufferevent_decrement_read_limit(b, -200));
	printf("read=%ld\n", (long)bufferevent_get_read_limit(b));
	bufferevent_set_max_single_read(b, 100);
	printf("max_single_read=%ld max_to_read=%ld\n", (long)bufferevent_get_max_single_read(b),
	       (long)bufferevent_get_max_to_read(b));
	printf("same cfg again=%d\n", bufferevent_set_rate_limit(b, slow));
	printf("remove limit=%d\n", bufferevent_set_rate_limit(b, NULL));
	printf("cfg=%d\n", bufferevent_get_token_bucket_cfg(b) == NULL);
	printf("read=%ld max_to_read=%ld\n", (long)bufferevent_get_read_limit(b), (long)bufferevent_get_max_to_read(b));
	bufferevent_set_max_single_read(b, 0);
	bufferevent_set_max_single_write(b, (size_t)-1);
	printf("max_single read=%ld write=%ld\n", (long)bufferevent_get_max_single_read(b),
	       (long)bufferevent_get_max_single_write(b));
	bufferevent_free(b);
	close(sv[1]);

	puts("-- max_single_read caps each read");
	b = reader(sv, "single");
	bufferevent_set_max_single_read(b, 300);
	bufferevent_enable(b, EV_READ);
	fill(sv[1], 1000);
	expect = 1000;
	seen = 0;
	event_base_dispatch(base);
	bufferevent_free(b);
	close(sv[1]);

	puts("-- reads follow the bucket, refilled each tick");
	struct timeval tick = {0, 30000};
	struct ev_token_bucket_cfg *fast = ev_token_bucket_cfg_new(700, 700, 700, 700, &tick);
	b = reader(sv, "bucket");
	bufferevent_set_rate_limit(b, fast);
	bufferevent_enable(b, EV_READ);
	fill(sv[1], 2500);
	expect = 2500;
	seen = 0;
	event_base_dispatch(base);
	bufferevent_free(b);
	close(sv[1]);

	puts("-- writes follow the bucket");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	struct bufferevent *peer = bufferevent_socket_new(base, sv[1], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(peer, readcb, NULL, NULL, "peer");
	bufferevent_enable(peer, EV_READ);
	bufferevent_set_rate_limit(b, fast);
	static char data[2000];
	bufferevent_write(b, data, sizeof data);
	expect = 2000;
	seen = 0;
	event_base_dispatch(base);
	bufferevent_free(b);
	bufferevent_free(peer);

	puts("-- groups");
	struct ev_token_bucket_cfg *gcfg = ev_token_bucket_cfg_new(1000, 1000, 500, 500, &tick);
	struct bufferevent_rate_limit_group *g = bufferevent_rate_limit_group_new(base, gcfg);
	printf("group read=%ld write=%ld\n", (long)bufferevent_rate_limit_group_get_read_limit(g),
	       (long)bufferevent_rate_limit_group_get_write_limit(g));
	printf("min_share=%d\n", bufferevent_rate_limit_group_set_min_share(g, 10));
	printf("min_share too big=%d\n", bufferevent_rate_limit_group_set_min_share(g, SIZE_MAX));
	b = reader(sv, NULL);
	struct bufferevent *b2 = reader(sv2, NULL);
	printf("add=%d\n", bufferevent_add_to_rate_limit_group(b, g));
	printf("add=%d\n", bufferevent_add_to_rate_limit_group(b2, g));
	printf("add again=%d\n", bufferevent_add_to_rate_limit_group(b2, g));
	printf("max_to_read=%ld (a share)\n", (long)bufferevent_get_max_to_read(b));
	printf("read limit without own bucket=%ld\n", (long)bufferevent_get_read_limit(b));
	bufferevent_enable(b, EV_READ);
	bufferevent_enable(b2, EV_READ);
	fill(sv[1], 1500);
	fill(sv2[1], 1500);
	expect = 3000;
	seen = 0;
	event_base_dispatch(base);
	ev_uint64_t tr = 1, tw = 1;
	bufferevent_rate_limit_group_get_totals(g, &tr, &tw);
	printf("totals read=%llu written=%llu\n", (unsigned long long)tr, (unsigned long long)tw);
	bufferevent_rate_limit_group_reset_totals(g);
	bufferevent_rate_limit_group_get_totals(g, &tr, NULL);
	printf("after reset read=%llu\n", (unsigned long long)tr);
	printf("remove=%d\n", bufferevent_remove_from_rate_limit_group(b));
	printf("max_to_read=%ld\n", (long)bufferevent_get_max_to_read(b));
	printf("remove again=%d\n", bufferevent_remove_from_rate_limit_group(b));
	printf("group decrement read=%d\n", bufferevent_rate_limit_group_decrement_read(g, 5000));
	printf("group decrement write=%d\n", bufferevent_rate_limit_group_decrement_write(g, 100));
	printf("b2 max_to_read=%ld\n", (long)bufferevent_get_max_to_read(b2));
	struct ev_token_bucket_cfg *gcfg2 = ev_token_bucket_cfg_new(5, 5, 8, 8, &tick);
	printf("set_cfg=%d\n", bufferevent_rate_limit_group_set_cfg(g, gcfg2));
	printf("set_cfg NULL=%d\n", bufferevent_rate_limit_group_set_cfg(g, NULL));
	printf("group write=%ld\n", (long)bufferevent_rate_limit_group_get_write_limit(g));
	bufferevent_remove_from_rate_limit_group(b2);
	bufferevent_rate_limit_group_free(g);
	bufferevent_free(b);
	bufferevent_free(b2);
	close(sv[1]);
	close(sv2[1]);
	ev_token_bucket_cfg_free(slow);
	ev_token_bucket_cfg_free(fast);
	ev_token_bucket_cfg_free(gcfg);
	ev_token_bucket_cfg_free(gcfg2);
	event_base_loop(base, EVLOOP_NONBLOCK);
	event_base_free(base);
	return 0;
}
