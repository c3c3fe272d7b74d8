/* Conformance: how event_del, event_del_block and event_del_noblock wait
 * for a callback that is running in the loop thread when another thread
 * deletes its event. The callback holds on for 300 ms; the deleting thread
 * reports whether the callback had finished when the call returned. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>
#include <event2/event.h>
#include <event2/thread.h>

static struct event_base *base;
static struct event *ev;
static sem_t in_callback;
/* Read by the deleting thread while the callback may still run: atomic. */
static int finished;

static void slow_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd; (void)what; (void)arg;
    __atomic_store_n(&finished, 0, __ATOMIC_SEQ_CST);
    sem_post(&in_callback);
    usleep(300000);
    __atomic_store_n(&finished, 1, __ATOMIC_SEQ_CST);
}

enum how { DEL, DEL_BLOCK, DEL_NOBLOCK };
static int saw_finished;

static void *deleter(void *arg)
{
    enum how how = *(enum how *)arg;
    sem_wait(&in_callback);
    int r = how == DEL ? event_del(ev) : how == DEL_BLOCK ? event_del_block(ev) : event_del_noblock(ev);
    saw_finished = __atomic_load_n(&finished, __ATOMIC_SEQ_CST);
    (void)r;
    return NULL;
}

static void run(const char *name, enum how how, short extra)
{
    struct timeval zero = {0, 0};
    pthread_t t;
    __atomic_store_n(&finished, 0, __ATOMIC_SEQ_CST);
    ev = event_new(base, -1, EV_PERSIST | extra, slow_cb, NULL);
    event_add(ev, &zero);
    pthread_create(&t, NULL, deleter, &how);
    event_base_loop(base, EVLOOP_ONCE);
    pthread_join(t, NULL);
    printf("%s%s: callback finished before it returned: %s, still pending: %d\n", name,
           extra ? " (EV_FINALIZE)" : "", saw_finished ? "yes" : "no",
           event_pending(ev, EV_TIMEOUT, NULL) != 0);
    event_free(ev);
}

int main(void)
{
    if (evthread_use_pthreads() != 0)
        return 1;
    sem_init(&in_callback, 0, 0);
    base = event_base_new();
    run("event_del", DEL, 0);
    run("event_del_block", DEL_BLOCK, 0);
    run("event_del_noblock", DEL_NOBLOCK, 0);
    run("event_del", DEL, EV_FINALIZE);
    run("event_del_block", DEL_BLOCK, EV_FINALIZE);
    event_base_free(base);
    return 0;
}
