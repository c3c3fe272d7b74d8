/* Conformance: event_base_foreach_event, event_base_get_num_events and
 * event_base_get_max_events. Visit order is not part of the contract here:
 * visited names are sorted before printing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <event2/event.h>

static struct event_base *base;
static const char *seen[64];
static int nseen;
static int stop_at;

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
}

/* Our own events; libevent may visit internal events of its own, which are
 * not part of the contract and are ignored. */
static const struct event *mine[16];
static int nmine;

static int visit(const struct event_base *b, const struct event *ev, void *arg)
{
    (void)arg;
    if (b != base)
        printf("  visit: wrong base\n");
    int known = 0;
    for (int i = 0; i < nmine; i++)
        if (mine[i] == ev)
            known = 1;
    if (!known)
        return 0;
    if (nseen < 64)
        seen[nseen++] = (const char *)event_get_callback_arg(ev);
    if (stop_at && nseen == stop_at)
        return 42;
    return 0;
}

static int cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void foreach(const char *label, int stop)
{
    nseen = 0;
    stop_at = stop;
    int r = event_base_foreach_event(base, visit, NULL);
    qsort(seen, (size_t)nseen, sizeof(seen[0]), cmp);
    printf("%s: foreach -> %d visited %d:", label, r, nseen);
    if (!stop)
        for (int i = 0; i < nseen; i++)
            printf(" %s", seen[i]);
    printf("\n");
}

static void counts(const char *label)
{
    printf("%s: num added=%d active=%d virtual=%d added|active=%d all=%d none=%d\n", label,
           event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED),
           event_base_get_num_events(base, EVENT_BASE_COUNT_ACTIVE),
           event_base_get_num_events(base, EVENT_BASE_COUNT_VIRTUAL),
           event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED | EVENT_BASE_COUNT_ACTIVE),
           event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED | EVENT_BASE_COUNT_ACTIVE |
                                               EVENT_BASE_COUNT_VIRTUAL),
           event_base_get_num_events(base, 0));
}

static void maxes(const char *label, int clear)
{
    int a = event_base_get_max_events(base, EVENT_BASE_COUNT_ADDED, 0);
    int act = event_base_get_max_events(base, EVENT_BASE_COUNT_ACTIVE, 0);
    int v = event_base_get_max_events(base, EVENT_BASE_COUNT_VIRTUAL, 0);
    int all = event_base_get_max_events(base, EVENT_BASE_COUNT_ADDED | EVENT_BASE_COUNT_ACTIVE, clear);
    printf("%s: max added=%d active=%d virtual=%d added|active%s=%d\n", label, a, act, v,
           clear ? "(clear)" : "", all);
}

static void cb_inside(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    foreach("inside a callback", 0);
    counts("inside a callback");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    base = event_base_new();
    int sv[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);

    foreach("empty", 0);
    counts("empty");
    maxes("empty", 0);

    struct timeval far = {30, 0};
    struct event *rd = event_new(base, sv[0], EV_READ, cb, "io_read");
    struct event *wr = event_new(base, sv[1], EV_READ | EV_PERSIST, cb, "io_read_persist");
    struct event *rdt = event_new(base, sv[1], EV_READ, cb, "io_read_timeout");
    struct event *tm = evtimer_new(base, cb, "timer");
    struct event *sg = evsignal_new(base, SIGUSR1, cb, "signal");
    struct event *act = event_new(base, -1, 0, cb, "active_only");
    struct event *idle = event_new(base, -1, 0, cb, "never_added");
    struct event *all[] = {rd, wr, rdt, tm, sg, act, idle};
    for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        mine[nmine++] = all[i];
    event_add(rd, NULL);
    event_add(wr, NULL);
    event_add(rdt, &far);
    event_add(tm, &far);
    event_add(sg, NULL);
    event_active(act, EV_READ, 0);
    struct timeval d = {0, 100000};
    const struct timeval *common = event_base_init_common_timeout(base, &d);
    struct event *ct = evtimer_new(base, cb, "common_timer");
    evtimer_add(ct, common);
    mine[nmine++] = ct;

    foreach("populated", 0);
    foreach("stop at 3", 3);
    counts("populated");
    maxes("populated", 0);

    event_del(rd);
    event_del(rdt);
    event_del(sg);
    foreach("after deletes", 0);
    counts("after deletes");
    maxes("after deletes, clear", 1);
    maxes("after clear", 0);

    /* Run the active event; a callback can also iterate. */
    struct event *in = event_new(base, -1, 0, cb_inside, "inside");
    mine[nmine++] = in;
    event_active(in, EV_READ, 0);
    event_base_loop(base, EVLOOP_NONBLOCK);
    counts("after loop");
    event_del(wr);
    event_del(tm);
    event_del(ct);
    counts("all deleted");
    foreach("all deleted", 0);
    maxes("all deleted", 0);

    event_free(rd);
    event_free(wr);
    event_free(rdt);
    event_free(tm);
    event_free(sg);
    event_free(act);
    event_free(idle);
    event_free(ct);
    event_free(in);
    evutil_closesocket(sv[0]);
    evutil_closesocket(sv[1]);
    event_base_free(base);
    printf("done\n");
    return 0;
}
