/* Conformance: custom lock, condition and thread-id callbacks. Only relative
 * facts are printed (balanced, non-zero, ...), never raw counts, which are
 * an implementation detail. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <event2/event.h>
#include <event2/thread.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long n_alloc, n_free, n_lock, n_unlock, n_recursive_allocs, n_cond_alloc, n_cond_free,
    n_id_calls, held, max_held, n_bad;

struct my_lock {
    pthread_mutex_t mu;
    unsigned type;
    int depth;
};

static void *lk_alloc(unsigned locktype)
{
    struct my_lock *l = calloc(1, sizeof(*l));
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&l->mu, &attr);
    pthread_mutexattr_destroy(&attr);
    l->type = locktype;
    pthread_mutex_lock(&stats_mu);
    n_alloc++;
    if (locktype & EVTHREAD_LOCKTYPE_RECURSIVE)
        n_recursive_allocs++;
    pthread_mutex_unlock(&stats_mu);
    return l;
}

static void lk_free(void *lock, unsigned locktype)
{
    struct my_lock *l = lock;
    pthread_mutex_lock(&stats_mu);
    n_free++;
    if (l->type != locktype || l->depth != 0)
        n_bad++;
    pthread_mutex_unlock(&stats_mu);
    pthread_mutex_destroy(&l->mu);
    free(l);
}

static int lk_lock(unsigned mode, void *lock)
{
    struct my_lock *l = lock;
    if (mode & EVTHREAD_TRY) {
        if (pthread_mutex_trylock(&l->mu) != 0)
            return 1;
    } else {
        pthread_mutex_lock(&l->mu);
    }
    l->depth++;
    pthread_mutex_lock(&stats_mu);
    n_lock++;
    if (++held > max_held)
        max_held = held;
    pthread_mutex_unlock(&stats_mu);
    return 0;
}

static int lk_unlock(unsigned mode, void *lock)
{
    (void)mode;
    struct my_lock *l = lock;
    pthread_mutex_lock(&stats_mu);
    n_unlock++;
    held--;
    if (l->depth <= 0)
        n_bad++;
    pthread_mutex_unlock(&stats_mu);
    l->depth--;
    pthread_mutex_unlock(&l->mu);
    return 0;
}

static void *cond_alloc(unsigned condtype)
{
    (void)condtype;
    pthread_cond_t *c = malloc(sizeof(*c));
    pthread_cond_init(c, NULL);
    pthread_mutex_lock(&stats_mu);
    n_cond_alloc++;
    pthread_mutex_unlock(&stats_mu);
    return c;
}

static void cond_free(void *cond)
{
    pthread_cond_destroy(cond);
    free(cond);
    pthread_mutex_lock(&stats_mu);
    n_cond_free++;
    pthread_mutex_unlock(&stats_mu);
}

static int cond_signal(void *cond, int broadcast)
{
    return broadcast ? pthread_cond_broadcast(cond) : pthread_cond_signal(cond);
}

static int cond_wait(void *cond, void *lock, const struct timeval *tv)
{
    struct my_lock *l = lock;
    int r;
    l->depth--;
    if (tv) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += tv->tv_sec;
        ts.tv_nsec += tv->tv_usec * 1000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        r = pthread_cond_timedwait(cond, &l->mu, &ts);
        r = r == 0 ? 0 : 1;
    } else {
        r = pthread_cond_wait(cond, &l->mu) == 0 ? 0 : -1;
    }
    l->depth++;
    return r;
}

static unsigned long thread_id(void)
{
    pthread_mutex_lock(&stats_mu);
    n_id_calls++;
    pthread_mutex_unlock(&stats_mu);
    return (unsigned long)pthread_self();
}

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static int fired;
static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    fired++;
}

static struct event_base *base;
static struct event *remote;
static void *worker(void *arg)
{
    (void)arg;
    event_active(remote, EV_READ, 1);
    return NULL;
}

static void snapshot(long *a, long *l)
{
    pthread_mutex_lock(&stats_mu);
    *a = n_alloc;
    *l = n_lock;
    pthread_mutex_unlock(&stats_mu);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);

    struct evthread_lock_callbacks lcb = {EVTHREAD_LOCK_API_VERSION, EVTHREAD_LOCKTYPE_RECURSIVE,
                                          lk_alloc, lk_free, lk_lock, lk_unlock};
    struct evthread_condition_callbacks ccb = {EVTHREAD_CONDITION_API_VERSION, cond_alloc, cond_free,
                                               cond_signal, cond_wait};
    printf("set_lock_callbacks -> %d\n", evthread_set_lock_callbacks(&lcb));
    printf("set_condition_callbacks -> %d\n", evthread_set_condition_callbacks(&ccb));
    evthread_set_id_callback(thread_id);
    /* Setting identical callbacks again is accepted; changing them is not. */
    printf("set same lock callbacks again -> %d\n", evthread_set_lock_callbacks(&lcb));
    struct evthread_lock_callbacks other = lcb;
    other.lock_api_version = EVTHREAD_LOCK_API_VERSION + 1;
    printf("set lock callbacks with other version -> %d\n", evthread_set_lock_callbacks(&other));

    long a0, l0, a1, l1;
    snapshot(&a0, &l0);
    base = event_base_new();
    snapshot(&a1, &l1);
    printf("base creation allocated locks: %s\n", a1 > a0 ? "yes" : "no");
    printf("condition allocated: %s\n", n_cond_alloc > 0 ? "yes" : "no");

    int sv[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct event *r = event_new(base, sv[0], EV_READ, cb, NULL);
    struct event *t = evtimer_new(base, cb, NULL);
    remote = event_new(base, -1, 0, cb, NULL);
    struct timeval zero = {0, 0};
    event_add(r, NULL);
    event_add(t, &zero);
    send(sv[1], "x", 1, 0);
    snapshot(&a0, &l0);
    printf("dispatch -> %d\n", event_base_dispatch(base));
    snapshot(&a1, &l1);
    printf("fired %d\n", fired);
    printf("dispatch took locks: %s\n", l1 > l0 ? "yes" : "no");

    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    pthread_join(th, NULL);
    int rv = event_base_dispatch(base);
    printf("dispatch after cross-thread activation -> %d fired %d\n", rv, fired);
    printf("thread id callback used: %s\n", n_id_calls > 0 ? "yes" : "no");

    /* A NOLOCK base still works with locking enabled globally. */
    struct event_config *cfg = event_config_new();
    event_config_set_flag(cfg, EVENT_BASE_FLAG_NOLOCK);
    struct event_base *nl = event_base_new_with_config(cfg);
    event_config_free(cfg);
    struct event *nt = evtimer_new(nl, cb, NULL);
    event_add(nt, &zero);
    rv = event_base_dispatch(nl);
    printf("NOLOCK base dispatch -> %d fired %d\n", rv, fired);
    event_free(nt);
    event_base_free(nl);

    event_free(r);
    event_free(t);
    event_free(remote);
    event_base_free(base);
    evutil_closesocket(sv[0]);
    evutil_closesocket(sv[1]);

    pthread_mutex_lock(&stats_mu);
    printf("lock calls > 0: %s\n", n_lock > 0 ? "yes" : "no");
    printf("locks balanced: %s\n", n_lock == n_unlock ? "yes" : "no");
    printf("no lock held at end: %s\n", held == 0 ? "yes" : "no");
    printf("frees <= allocs: %s\n", n_free <= n_alloc ? "yes" : "no");
    printf("base locks released: %s\n", n_free > 0 ? "yes" : "no");
    printf("conditions freed <= allocated: %s\n", n_cond_free <= n_cond_alloc ? "yes" : "no");
    printf("misuse detected: %s\n", n_bad ? "yes" : "no");
    pthread_mutex_unlock(&stats_mu);
    printf("done\n");
    return 0;
}
