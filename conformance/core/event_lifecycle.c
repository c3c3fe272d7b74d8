/* Conformance: event allocation, assignment, accessors and pending state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <event2/event.h>
#include <event2/event_struct.h>

static int calls;
static struct event_base *g_base;

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void cb_a(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    calls++;
    printf("cb_a what=0x%x arg=%s\n", (unsigned)what, (const char *)arg);
}

static void cb_self(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    struct event *ev = arg;
    calls++;
    printf("cb_self what=0x%x running_is_arg=%s pending_in_cb=0x%x\n", (unsigned)what,
           event_base_get_running_event(g_base) == ev ? "yes" : "no",
           (unsigned)event_pending(ev, EV_TIMEOUT | EV_READ | EV_WRITE | EV_SIGNAL, NULL));
}

static void show_pending(const char *label, struct event *ev)
{
    struct timeval tv = {12345, 0};
    int p = event_pending(ev, EV_TIMEOUT | EV_READ | EV_WRITE | EV_SIGNAL | EV_CLOSED, &tv);
    printf("%s: pending=0x%x", label, (unsigned)p);
    if (p & EV_TIMEOUT) {
        struct timeval now, left;
        gettimeofday(&now, NULL);
        evutil_timersub(&tv, &now, &left);
        /* Expiry is reported as wall-clock time; only its range is stable. */
        printf(" expiry_in_range=%s", (left.tv_sec >= -5 && left.tv_sec <= 30) ? "yes" : "no");
    } else {
        printf(" tv_untouched=%s", (tv.tv_sec == 12345 && tv.tv_usec == 0) ? "yes" : "no");
    }
    printf(" only_read=0x%x only_timeout=0x%x\n", (unsigned)event_pending(ev, EV_READ, NULL),
           (unsigned)event_pending(ev, EV_TIMEOUT, NULL));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    struct event_base *base = event_base_new();
    g_base = base;
    printf("struct event size matches header: %s\n",
           event_get_struct_event_size() == sizeof(struct event) ? "yes" : "no");
    printf("struct event size %u\n", (unsigned)event_get_struct_event_size());

    /* event_initialized on zeroed and on assigned storage. */
    struct event *raw = calloc(1, event_get_struct_event_size());
    printf("initialized(zeroed) %d\n", event_initialized(raw));
    int fds[2] = {-1, -1};
    if (evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
        printf("socketpair failed\n");
        return 1;
    }
    printf("assign -> %d\n", event_assign(raw, base, fds[0], EV_READ | EV_PERSIST, cb_a, "raw"));
    printf("initialized(assigned) %d\n", event_initialized(raw) != 0);
    printf("get_fd is fds[0]: %s\n", event_get_fd(raw) == fds[0] ? "yes" : "no");
    printf("get_base is base: %s\n", event_get_base(raw) == base ? "yes" : "no");
    printf("get_events 0x%x\n", (unsigned)event_get_events(raw));
    printf("get_callback is cb_a: %s\n", event_get_callback(raw) == cb_a ? "yes" : "no");
    printf("get_callback_arg %s\n", (const char *)event_get_callback_arg(raw));
    printf("get_priority %d\n", event_get_priority(raw));

    struct event_base *ab = NULL;
    evutil_socket_t afd = -2;
    short aev = 0;
    event_callback_fn acb = NULL;
    void *aarg = NULL;
    event_get_assignment(raw, &ab, &afd, &aev, &acb, &aarg);
    printf("assignment: base=%s fd=%s events=0x%x cb=%s arg=%s\n", ab == base ? "same" : "other",
           afd == fds[0] ? "same" : "other", (unsigned)aev, acb == cb_a ? "same" : "other",
           (const char *)aarg);
    event_get_assignment(raw, NULL, NULL, NULL, NULL, NULL);
    printf("assignment with NULL outputs ok\n");

    show_pending("assigned, not added", raw);
    printf("add no timeout -> %d\n", event_add(raw, NULL));
    show_pending("added read", raw);
    struct timeval ten = {10, 0};
    printf("add 10s timeout -> %d\n", event_add(raw, &ten));
    show_pending("added read+timeout", raw);
    printf("add again no timeout -> %d\n", event_add(raw, NULL));
    show_pending("re-added without timeout keeps timer", raw);
    printf("remove_timer -> %d\n", event_remove_timer(raw));
    show_pending("after remove_timer", raw);
    printf("del -> %d\n", event_del(raw));
    show_pending("deleted", raw);
    printf("del again -> %d\n", event_del(raw));
    printf("initialized after del %d\n", event_initialized(raw) != 0);

    /* Reassigning a non-pending event changes everything. */
    printf("reassign -> %d\n", event_assign(raw, base, -1, 0, cb_a, "raw2"));
    printf("reassigned events 0x%x fd_is_minus1=%s arg=%s\n", (unsigned)event_get_events(raw),
           event_get_fd(raw) == -1 ? "yes" : "no", (const char *)event_get_callback_arg(raw));
    struct timeval zero = {0, 0};
    printf("add timer 0 -> %d\n", event_add(raw, &zero));
    show_pending("pure timer", raw);
    calls = 0;
    printf("loop once -> %d\n", event_base_loop(base, EVLOOP_ONCE));
    printf("calls %d\n", calls);
    show_pending("after firing", raw);
    free(raw);

    /* event_new with event_self_cbarg(). */
    struct event *self = event_new(base, -1, 0, cb_self, event_self_cbarg());
    printf("self arg is event: %s\n", event_get_callback_arg(self) == self ? "yes" : "no");
    event_add(self, &zero);
    calls = 0;
    printf("dispatch -> %d\n", event_base_dispatch(base));
    printf("calls %d\n", calls);
    event_free(self);

    /* Every event type reports its own events back. */
    short kinds[] = {EV_READ, EV_WRITE, EV_READ | EV_WRITE, EV_READ | EV_PERSIST,
                     EV_READ | EV_ET, EV_CLOSED, EV_READ | EV_CLOSED | EV_PERSIST, EV_TIMEOUT, 0};
    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        struct event *e = event_new(base, fds[1], kinds[i], cb_a, "k");
        printf("new events=0x%x -> %s get_events=0x%x\n", (unsigned)kinds[i], e ? "ok" : "NULL",
               e ? (unsigned)event_get_events(e) : 0u);
        if (e) {
            int r = event_add(e, NULL);
            printf("  add -> %d pending_any=0x%x\n", r,
                   (unsigned)event_pending(e, EV_READ | EV_WRITE | EV_CLOSED | EV_TIMEOUT, NULL));
            event_free(e);
        }
    }
    struct event *sig = evsignal_new(base, SIGUSR2, cb_a, "sig");
    printf("evsignal_new events=0x%x fd_is_signo=%s\n", (unsigned)event_get_events(sig),
           event_get_fd(sig) == SIGUSR2 ? "yes" : "no");
    int r = event_add(sig, NULL);
    printf("signal add -> %d pending=0x%x\n", r,
           (unsigned)event_pending(sig, EV_SIGNAL | EV_READ, NULL));
    event_free(sig);
    printf("evtimer macros:\n");
    struct event *t = evtimer_new(base, cb_a, "timer");
    printf("  evtimer events=0x%x initialized=%d\n", (unsigned)event_get_events(t),
           event_initialized(t) != 0);
    r = evtimer_add(t, &ten);
    printf("  evtimer_add -> %d evtimer_pending=%d\n", r, evtimer_pending(t, NULL) != 0);
    r = evtimer_del(t);
    printf("  evtimer_del -> %d evtimer_pending=%d\n", r, evtimer_pending(t, NULL) != 0);
    printf("  evtimer_initialized %d\n", evtimer_initialized(t) != 0);
    event_free(t);

    /* Freeing a pending event removes it from the base. */
    struct event *p = event_new(base, fds[1], EV_READ, cb_a, "p");
    event_add(p, &ten);
    printf("events in base before free %d\n", event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED));
    event_free(p);
    printf("events in base after free %d\n", event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED));
    printf("dispatch after all freed -> %d\n", event_base_dispatch(base));

    evutil_closesocket(fds[0]);
    evutil_closesocket(fds[1]);
    event_base_free(base);
    printf("done\n");
    return 0;
}
