/* Conformance: timer ordering, persistent timers, rescheduling, removal,
 * common timeouts and loopexit with a timeout. Only orders and counts are
 * printed, never durations. */
#include <stdio.h>
#include <string.h>
#include <event2/event.h>
#include <event2/event_struct.h>

static struct event_base *base;
static char order[256];
static int persist_count;

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void note(void *arg)
{
    strncat(order, (const char *)arg, sizeof(order) - strlen(order) - 1);
    strncat(order, " ", sizeof(order) - strlen(order) - 1);
}

static void cb_note(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    if (what != EV_TIMEOUT)
        printf("unexpected what 0x%x\n", (unsigned)what);
    note(arg);
}

static void cb_persist(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    struct event *self = arg;
    persist_count++;
    printf("persist fire %d what=0x%x still_pending=%d\n", persist_count, (unsigned)what,
           event_pending(self, EV_TIMEOUT, NULL) != 0);
    if (persist_count == 5) {
        printf("persist del -> %d\n", event_del(self));
    }
}

static int readd_count;
static void cb_readd(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct event *self = arg;
    readd_count++;
    if (readd_count < 3) {
        struct timeval tv = {0, 1000};
        event_add(self, &tv);
    }
    printf("readd fire %d pending_after=%d\n", readd_count, event_pending(self, EV_TIMEOUT, NULL) != 0);
}

static struct event *evs[8];
static struct event *a, *b, *c;
static struct timeval ms(int n);

static void setup_deadlines(evutil_socket_t fd, short what, void *arg)
{
    static const int delays[] = {50, 10, 40, 20, 30, 60, 0, 5};
    static const char *names[] = {"t50", "t10", "t40", "t20", "t30", "t60", "t0", "t5"};
    (void)fd;
    (void)what;
    (void)arg;
    for (int i = 0; i < 8; i++) {
        struct timeval tv = ms(delays[i]);
        evs[i] = evtimer_new(base, cb_note, (void *)names[i]);
        evtimer_add(evs[i], &tv);
    }
    printf("num events after setup %d\n", event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED));
}

static void setup_reschedule(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    struct timeval t10 = ms(10), t30 = ms(30), t60 = ms(60), t20 = ms(20);
    evtimer_add(a, &t10);
    evtimer_add(b, &t30);
    evtimer_add(c, &t20);
    evtimer_add(a, &t60); /* A now after B */
    printf("remove_timer C -> %d\n", event_remove_timer(c));
    printf("C pending after remove_timer %d\n", event_pending(c, EV_TIMEOUT, NULL));
    printf("remove_timer C again -> %d\n", event_remove_timer(c));
}

static struct event *ce[5];
static const struct timeval *common;
static void setup_common(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    for (int i = 0; i < 5; i++)
        evtimer_add(ce[i], common);
    struct timeval t5 = ms(5);
    evtimer_add(a, &t5);
    printf("common pending %d\n", evtimer_pending(ce[2], NULL) != 0);
    evtimer_del(ce[1]);
}

static struct timeval ms(int n)
{
    struct timeval tv;
    tv.tv_sec = n / 1000;
    tv.tv_usec = (n % 1000) * 1000;
    return tv;
}

static void flush_order(const char *label, int rv)
{
    printf("%s -> %d order: %s\n", label, rv, order);
    order[0] = '\0';
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    base = event_base_new();

    /* 1. Distinct deadlines fire in deadline order, whatever the add order.
     *    Timers are added from inside a callback, so all deadlines are
     *    relative to the same cached loop time even if this process stalls. */
    struct timeval zero = {0, 0};
    event_base_once(base, -1, EV_TIMEOUT, setup_deadlines, NULL, &zero);
    flush_order("dispatch deadlines", event_base_dispatch(base));
    for (int i = 0; i < 8; i++)
        event_free(evs[i]);

    /* 2. Rescheduling a pending timer moves it. */
    a = evtimer_new(base, cb_note, "A");
    b = evtimer_new(base, cb_note, "B");
    c = evtimer_new(base, cb_note, "C");
    event_base_once(base, -1, EV_TIMEOUT, setup_reschedule, NULL, &zero);
    flush_order("dispatch reschedule", event_base_dispatch(base));

    /* 3. Persistent timer fires until deleted from its own callback. */
    struct event *p = event_new(base, -1, EV_PERSIST, cb_persist, event_self_cbarg());
    struct timeval t2 = ms(2);
    event_add(p, &t2);
    int rv = event_base_dispatch(base);
    printf("dispatch persist -> %d count=%d\n", rv, persist_count);
    event_free(p);

    /* 4. A non-persistent timer re-added from its callback fires again. */
    struct event *r = evtimer_new(base, cb_readd, event_self_cbarg());
    struct timeval t1 = ms(1);
    evtimer_add(r, &t1);
    rv = event_base_dispatch(base);
    printf("dispatch readd -> %d count=%d\n", rv, readd_count);
    event_free(r);

    /* 5. loopexit with a timeout stops the loop before a far timer. */
    struct timeval far = {30, 0};
    evtimer_add(a, &far);
    struct timeval t10 = ms(10);
    evtimer_add(b, &t10);
    struct timeval exit_after = ms(40);
    printf("loopexit(40ms) -> %d\n", event_base_loopexit(base, &exit_after));
    rv = event_base_dispatch(base);
    printf("got_exit %d got_break %d\n", event_base_got_exit(base), event_base_got_break(base));
    flush_order("dispatch loopexit", rv);
    printf("far timer still pending %d\n", evtimer_pending(a, NULL) != 0);
    rv = event_base_loop(base, EVLOOP_NONBLOCK);
    printf("loop nonblock -> %d got_exit now %d\n", rv, event_base_got_exit(base));
    evtimer_del(a);

    /* 6. EVLOOP_ONCE waits for the earliest timer only. */
    evtimer_add(a, &far);
    evtimer_add(b, &t10);
    flush_order("loop once", event_base_loop(base, EVLOOP_ONCE));
    printf("A pending %d B pending %d\n", evtimer_pending(a, NULL) != 0, evtimer_pending(b, NULL) != 0);
    evtimer_del(a);
    flush_order("loop once empty", event_base_loop(base, EVLOOP_ONCE));

    /* 7. Common timeouts keep FIFO order among equal durations and come
     *    after an earlier ordinary timer. */
    struct timeval d20 = ms(20);
    common = event_base_init_common_timeout(base, &d20);
    const struct timeval *common2 = event_base_init_common_timeout(base, &d20);
    printf("common timeout returned %s, same for same duration %s\n", common ? "ptr" : "NULL",
           common == common2 ? "yes" : "no");
    static const char *cn[] = {"c1", "c2", "c3", "c4", "c5"};
    for (int i = 0; i < 5; i++)
        ce[i] = evtimer_new(base, cb_note, (void *)cn[i]);
    event_base_once(base, -1, EV_TIMEOUT, setup_common, NULL, &zero);
    flush_order("dispatch common", event_base_dispatch(base));
    for (int i = 0; i < 5; i++)
        event_free(ce[i]);

    printf("update_cache_time -> %d\n", event_base_update_cache_time(base));
    struct timeval cached;
    printf("gettimeofday_cached -> %d\n", event_base_gettimeofday_cached(base, &cached));
    struct timeval mono;
    printf("gettime_monotonic -> %d\n", event_gettime_monotonic(base, &mono));

    event_free(a);
    event_free(b);
    event_free(c);
    event_base_free(base);
    printf("done\n");
    return 0;
}
