/* The dispatch path allocates nothing: this program replaces malloc and its
 * relatives for the whole process (so allocations that bypass
 * event_set_mem_functions are seen too, in our libraries or in libc), warms
 * a base up, then counts allocations over 1000 rounds of event_add,
 * event_del, event_active and event_base_loop on I/O events, plain timers
 * and a common timeout. With the argument "threads" the base has
 * libevent_pthreads' lock callbacks. Exit status 0 when the count is 0. */
#include <event2/event.h>
#include <event2/thread.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static int counting;
static long allocations;

void *malloc(size_t n)
{
	allocations += counting;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	allocations += counting;
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	allocations += counting;
	return __libc_realloc(p, n);
}

void *memalign(size_t align, size_t n)
{
	allocations += counting;
	return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	allocations += counting;
	*out = __libc_memalign(align, n);
	return *out ? 0 : 12; /* ENOMEM */
}

void *aligned_alloc(size_t align, size_t n)
{
	allocations += counting;
	return __libc_memalign(align, n);
}

void free(void *p) { __libc_free(p); }

static long callbacks;
static void on_event(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what, (void)arg;
	callbacks++;
}

static void round_trip(struct event_base *base, int fds[2], struct event *io, struct event *timer,
                       struct event *common_timer, const struct timeval *common, struct event *user)
{
	const struct timeval soon = {0, 0};
	char c = '!';
	if (event_add(io, NULL) || event_add(timer, &soon) || event_add(common_timer, common) ||
	    write(fds[1], &c, 1) != 1) {
		fprintf(stderr, "setup failed\n");
		exit(2);
	}
	event_active(user, EV_READ, 1);
	event_base_loop(base, EVLOOP_ONCE);
	if (read(fds[0], &c, 1) != 1)
		exit(2);
	event_del(io);
	event_del(timer);
	event_del(common_timer);
}

int main(int argc, char **argv)
{
	int threads = argc > 1 && strcmp(argv[1], "threads") == 0;
	if (threads && evthread_use_pthreads() != 0)
		return 2;
	struct event_base *base = event_base_new();
	int fds[2];
	if (!base || socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
		return 2;
	evutil_make_socket_nonblocking(fds[0]);
	const struct timeval duration = {5, 0};
	const struct timeval *common = event_base_init_common_timeout(base, &duration);
	struct event *io = event_new(base, fds[0], EV_READ | EV_PERSIST, on_event, NULL);
	struct event *timer = evtimer_new(base, on_event, NULL);
	struct event *common_timer = evtimer_new(base, on_event, NULL);
	struct event *user = event_new(base, -1, 0, on_event, NULL);
	if (!common || !io || !timer || !common_timer || !user)
		return 2;
	for (int i = 0; i < 3; i++) /* tables and queues reach their working size */
		round_trip(base, fds, io, timer, common_timer, common, user);
	counting = 1;
	for (int i = 0; i < 1000; i++)
		round_trip(base, fds, io, timer, common_timer, common, user);
	counting = 0;
	printf("%s: %ld allocations in 1000 rounds (%ld callbacks)\n", threads ? "threads" : "plain",
	       allocations, callbacks);
	event_free(io);
	event_free(timer);
	event_free(common_timer);
	event_free(user);
	event_base_free(base);
	return allocations == 0 && callbacks >= 2000 ? 0 : 1;
}
