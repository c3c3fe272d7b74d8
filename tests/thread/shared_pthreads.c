/* The shipped split: libevent_pthreads installs its callbacks into
 * libevent_core through exported symbols only. The core refusing other
 * callbacks afterwards shows they arrived there. */
#include <event2/thread.h>

#include <stdio.h>
#include <stdlib.h>

static void *other_alloc(unsigned type) { (void)type; return NULL; }
static void other_free(void *lock, unsigned type) { (void)lock; (void)type; }
static int other_lock(unsigned mode, void *lock) { (void)mode; (void)lock; return 0; }

static int passes, failures;

static void expect(int ok, const char *what)
{
	if (ok) {
		++passes;
	} else {
		fprintf(stderr, "FAILED: %s\n", what);
		++failures;
	}
}

int main(void)
{
	const struct evthread_lock_callbacks other = {
		EVTHREAD_LOCK_API_VERSION, EVTHREAD_LOCKTYPE_RECURSIVE,
		other_alloc, other_free, other_lock, other_lock,
	};
	expect(evthread_use_pthreads() == 0, "evthread_use_pthreads");
	expect(evthread_use_pthreads() == 0, "evthread_use_pthreads again");
	expect(evthread_set_lock_callbacks(&other) == -1, "other lock callbacks refused");
	evthread_enable_lock_debugging();
	evthread_enable_lock_debuging();
	expect(evthread_set_lock_callbacks(&other) == -1, "still refused under debugging");
	printf("%d passed, %d failed\n", passes, failures);
	return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}
