/* Conformance: pthreads locking with evthread_enable_lock_debugging, which
 * makes libevent check its own lock discipline (a violation aborts, changing
 * the exit status). Another thread adds, deletes and activates events on a
 * running base; only the main thread prints. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/socket.h>
#include <event2/event.h>
#include <event2/thread.h>

static struct event_base *base;
static struct event *tick, *victim, *wake;
static sem_t handoff;
static int results[4];
static int victim_runs;

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void cb_tick(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    printf("tick ran\n");
    sem_post(&handoff);
}

static void cb_victim(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    victim_runs++;
}

static void cb_wake(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)arg;
    printf("wake ran what=0x%x victim pending=%d\n", (unsigned)what,
           event_pending(victim, EV_TIMEOUT, NULL) != 0);
    sem_post(&handoff);
}

static void *worker(void *arg)
{
    (void)arg;
    struct timeval far = {30, 0};
    sem_wait(&handoff); /* tick ran: the loop is running */
    results[0] = event_add(victim, &far);
    results[1] = event_del(victim);
    event_active(wake, EV_WRITE, 1);
    sem_wait(&handoff);
    usleep(5000);
    results[2] = event_base_loopbreak(base);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    printf("evthread_use_pthreads -> %d\n", evthread_use_pthreads());
    evthread_enable_lock_debugging();
    printf("lock debugging enabled\n");
    sem_init(&handoff, 0, 0);
    base = event_base_new();
    printf("base %s\n", base ? "created" : "NULL");
    tick = evtimer_new(base, cb_tick, NULL);
    victim = evtimer_new(base, cb_victim, NULL);
    wake = event_new(base, -1, 0, cb_wake, NULL);
    struct timeval zero = {0, 0}, guard = {5, 0};
    evtimer_add(tick, &zero);
    event_base_loopexit(base, &guard);
    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    int rv = event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY);
    pthread_join(th, NULL);
    printf("loop -> %d got_break=%d got_exit=%d\n", rv, event_base_got_break(base),
           event_base_got_exit(base));
    printf("thread add -> %d del -> %d loopbreak -> %d victim runs %d\n", results[0], results[1],
           results[2], victim_runs);

    /* Freeing events and the base with debugging locks still balanced. */
    event_free(tick);
    event_free(victim);
    event_free(wake);
    event_base_free(base);
    sem_destroy(&handoff);
    printf("done\n");
    return 0;
}
