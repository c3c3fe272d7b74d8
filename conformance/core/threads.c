/* Conformance: evthread_use_pthreads and cross-thread wake-ups. A second
 * thread activates, adds and breaks on a base whose loop is asleep; each step
 * waits for the previous callback, and only the main thread prints. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <event2/event.h>
#include <event2/thread.h>

static struct event_base *base;
static struct event *ev_act, *ev_timer, *ev_read, *ev_started;
static sem_t step_done;
static pthread_t main_thread;
static int sv[2];
static int thread_results[8];

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void cb(evutil_socket_t fd, short what, void *arg)
{
    printf("callback %s what=0x%x in main thread: %s\n", (const char *)arg, (unsigned)what,
           pthread_equal(pthread_self(), main_thread) ? "yes" : "no");
    if (what & EV_READ && fd >= 0) {
        char c;
        recv(fd, &c, 1, 0);
    }
    sem_post(&step_done);
}

static void *worker(void *arg)
{
    (void)arg;
    struct timeval zero = {0, 0};
    sem_wait(&step_done); /* loop is running */
    usleep(20000);        /* give it time to fall asleep; correctness does not depend on it */
    event_active(ev_act, EV_READ, 1);
    sem_wait(&step_done);
    usleep(5000);
    thread_results[0] = event_add(ev_timer, &zero);
    sem_wait(&step_done);
    usleep(5000);
    thread_results[1] = event_add(ev_read, NULL);
    send(sv[1], "x", 1, 0);
    sem_wait(&step_done);
    usleep(5000);
    thread_results[2] = event_base_loopbreak(base);
    return NULL;
}

static void *exit_worker(void *arg)
{
    (void)arg;
    sem_wait(&step_done);
    usleep(5000);
    struct timeval t = {0, 1000};
    thread_results[3] = event_base_loopexit(base, &t);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    main_thread = pthread_self();
    printf("evthread_use_pthreads -> %d\n", evthread_use_pthreads());
    sem_init(&step_done, 0, 0);
    base = event_base_new();
    printf("make_base_notifiable -> %d\n", evthread_make_base_notifiable(base));
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    ev_act = event_new(base, -1, 0, cb, "activated-by-thread");
    ev_timer = evtimer_new(base, cb, "timer-added-by-thread");
    ev_read = event_new(base, sv[0], EV_READ, cb, "read-added-by-thread");
    ev_started = evtimer_new(base, cb, "loop-started");
    struct timeval zero = {0, 0};
    evtimer_add(ev_started, &zero);

    /* Guard: if a wake-up were lost the loop would end here with got_exit=1. */
    struct timeval guard = {5, 0};
    event_base_loopexit(base, &guard);

    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    int rv = event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY);
    pthread_join(th, NULL);
    printf("loop -> %d got_break=%d got_exit=%d\n", rv, event_base_got_break(base),
           event_base_got_exit(base));
    printf("thread event_add timer -> %d, event_add read -> %d, loopbreak -> %d\n",
           thread_results[0], thread_results[1], thread_results[2]);

    event_free(ev_started);
    event_free(ev_act);
    event_free(ev_timer);
    event_free(ev_read);
    event_base_free(base);

    /* loopexit from another thread ends a sleeping loop too. */
    base = event_base_new();
    ev_started = evtimer_new(base, cb, "loop-started-2");
    evtimer_add(ev_started, &zero);
    struct timeval far = {30, 0};
    struct event *far_timer = evtimer_new(base, cb, "far");
    evtimer_add(far_timer, &far);
    pthread_create(&th, NULL, exit_worker, NULL);
    rv = event_base_dispatch(base);
    pthread_join(th, NULL);
    printf("dispatch -> %d got_exit=%d loopexit from thread -> %d far pending %d\n", rv,
           event_base_got_exit(base), thread_results[3], evtimer_pending(far_timer, NULL) != 0);

    event_free(far_timer);
    event_free(ev_started);
    event_base_free(base);
    evutil_closesocket(sv[0]);
    evutil_closesocket(sv[1]);
    sem_destroy(&step_done);
    printf("done\n");
    return 0;
}
