/*
 * Link-combination probe. Built once per combination of our libraries; it
 * uses core API always, extra API when USE_EXTRA, and libevent_pthreads when
 * USE_PTHREADS, where it proves that the lock callbacks installed through
 * libevent_pthreads reach the engine the program's base lives in: a second
 * thread's event_base_loopbreak() must wake a loop sleeping with no timeout.
 */
#include <event2/event.h>
#include <event2/tag.h>
#include <event2/thread.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void *breaker(void *arg)
{
	usleep(50000);
	event_base_loopbreak(arg);
	return NULL;
}

static void never(evutil_socket_t fd, short what, void *arg)
{
	(void)fd; (void)what; (void)arg;
}

/* Our libraries live in the build directory given as argv[1]. */
static const char *build_dir = "";

static int count_mapped(const char *name)
{
	char line[512];
	int n = 0;
	FILE *maps = fopen("/proc/self/maps", "r");
	while (maps && fgets(line, sizeof line, maps)) {
		char *path = strchr(line, '/');
		if (path && strstr(path, name) && strstr(line, " r-xp ")) {
			if (strncmp(path, build_dir, strlen(build_dir)) != 0)
				printf("foreign library mapped: %s", path);
			n++;
		}
	}
	if (maps)
		fclose(maps);
	return n;
}

int main(int argc, char **argv)
{
	int ok = 1;
	if (argc > 1)
		build_dir = argv[1];
#ifdef USE_PTHREADS
	ok &= evthread_use_pthreads() == 0;
#endif
#ifdef USE_EXTRA
	evtag_init();
#endif
	struct event_base *base = event_base_new();
	ok &= base != NULL;
	/* An fd that never becomes readable keeps the loop asleep. */
	int fds[2];
	ok &= pipe(fds) == 0;
	struct event *ev = event_new(base, fds[0], EV_READ | EV_PERSIST, never, NULL);
	event_add(ev, NULL);
#ifdef USE_PTHREADS
	pthread_t t;
	pthread_create(&t, NULL, breaker, base);
	ok &= event_base_dispatch(base) == 0;
	ok &= event_base_got_break(base) == 1;
	pthread_join(t, NULL);
#else
	(void)breaker;
	ok &= event_base_loop(base, EVLOOP_NONBLOCK) == 0;
#endif
	event_free(ev);
	event_base_free(base);
	printf("engines mapped: libevent-2.1=%d libevent_core=%d\n", count_mapped("libevent-2.1.so"),
	       count_mapped("libevent_core-2.1.so"));
	printf("%s\n", ok ? "ok" : "FAILED");
	return ok ? 0 : 1;
}
