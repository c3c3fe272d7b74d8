/* evbuffer locking with pthreads: evbuffer_enable_locking with a lock of its
 * own, evbuffer_lock/unlock around several calls, and many
 * threads adding and removing at once without losing or tearing data. */
#include <event2/buffer.h>
#include <event2/thread.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 2000

static struct evbuffer *shared;

static void *adder(void *arg)
{
	char rec[16];
	int i, id = (int)(long)arg;
	for (i = 0; i < ROUNDS; ++i) {
		/* Two adds under one lock: records stay whole. */
		snprintf(rec, sizeof(rec), "%d:%05d;", id, i);
		evbuffer_lock(shared);
		evbuffer_add(shared, rec, 4);
		evbuffer_add(shared, rec + 4, strlen(rec) - 4);
		evbuffer_unlock(shared);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	struct evbuffer *other = evbuffer_new();
	int i, per[THREADS] = {0}, bad = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("lock before pthreads %d\n", evbuffer_enable_locking(other, NULL));
	evthread_use_pthreads();
	shared = evbuffer_new();
	printf("enable own lock %d\n", evbuffer_enable_locking(shared, NULL));
	printf("enable twice %d\n", evbuffer_enable_locking(shared, NULL));
	for (i = 0; i < THREADS; ++i)
		pthread_create(&t[i], NULL, adder, (void *)(long)i);
	for (i = 0; i < THREADS; ++i)
		pthread_join(t[i], NULL);
	printf("length %zu\n", evbuffer_get_length(shared));
	{
		char rec[16] = {0};
		int id, n;
		while (evbuffer_get_length(shared) > 0) {
			if (evbuffer_remove(shared, rec, 8) != 8 || rec[7] != ';' || sscanf(rec, "%d:%d", &id, &n) != 2 ||
			    id < 0 || id >= THREADS || n != per[id]) {
				++bad;
				break;
			}
			++per[id];
		}
	}
	printf("records in order %d:", !bad);
	for (i = 0; i < THREADS; ++i)
		printf(" %d", per[i]);
	printf("\n");
	evbuffer_free(shared);
	evbuffer_free(other);
	return 0;
}
