/* Conformance: priority queues. event_base_priority_init limits, default
 * priorities, event_priority_set rules and "one priority level per loop
 * iteration" ordering, plus the max-dispatch limit from event_config. */
#include <stdio.h>
#include <string.h>
#include <event2/event.h>

static struct event_base *base;
static char order[512];
static struct event *trigger_target;

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void note(const char *s)
{
    strncat(order, s, sizeof(order) - strlen(order) - 1);
    strncat(order, " ", sizeof(order) - strlen(order) - 1);
}

static void flush_order(const char *label, int rv)
{
    printf("%s -> %d order: %s\n", label, rv, order);
    order[0] = '\0';
}

static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    note((const char *)arg);
}

/* Activates trigger_target the first time it runs. */
static void cb_trigger(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    note((const char *)arg);
    if (trigger_target) {
        event_active(trigger_target, EV_READ, 0);
        trigger_target = NULL;
    }
}

static struct event *mk(int pri, const char *name, event_callback_fn fn)
{
    struct event *e = event_new(base, -1, 0, fn ? fn : cb, (void *)name);
    if (pri >= 0) {
        int r = event_priority_set(e, pri);
        if (r != 0)
            printf("priority_set(%s, %d) -> %d\n", name, pri, r);
    }
    return e;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    base = event_base_new();

    printf("default npriorities %d\n", event_base_get_npriorities(base));
    struct event *early = event_new(base, -1, 0, cb, "early");
    printf("priority of event made with 1 queue %d\n", event_get_priority(early));
    static const int tries[] = {0, -1, 1, 2, 3, 255, 256, 257, 1000, 5};
    for (unsigned i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
        int r = event_base_priority_init(base, tries[i]);
        printf("priority_init(%d) -> %d npriorities %d\n", tries[i], r, event_base_get_npriorities(base));
    }
    printf("priority of early event after init %d\n", event_get_priority(early));
    for (int n = 1; n <= 6; n++) {
        event_base_priority_init(base, n);
        struct event *e = event_new(base, -1, 0, cb, "x");
        printf("npriorities %d -> default priority %d\n", n, event_get_priority(e));
        static const int sets[] = {-1, 0, 1, 5, 6};
        for (unsigned k = 0; k < sizeof(sets) / sizeof(sets[0]); k++)
        {
            int r = event_priority_set(e, sets[k]);
            printf("  priority_set(%d) -> %d now %d\n", sets[k], r, event_get_priority(e));
        }
        event_free(e);
    }

    /* Active events cannot change priority, nor can the base re-init. */
    event_base_priority_init(base, 3);
    struct event *act = mk(1, "act", NULL);
    event_active(act, EV_READ, 0);
    printf("priority_set on active -> %d\n", event_priority_set(act, 0));
    int r = event_base_priority_init(base, 4);
    printf("priority_init with active events -> %d npriorities %d\n", r,
           event_base_get_npriorities(base));
    flush_order("dispatch", event_base_dispatch(base));
    event_free(act);

    /* Ordering by priority. */
    struct event *p2a = mk(2, "p2a", cb_trigger), *p2b = mk(2, "p2b", NULL);
    struct event *p0a = mk(0, "p0a", NULL), *p0b = mk(0, "p0b", cb_trigger);
    struct event *p1a = mk(1, "p1a", NULL), *p1b = mk(1, "p1b", NULL);
    struct event *p0late = mk(0, "p0late", NULL), *p1late = mk(1, "p1late", NULL);
    struct event *dflt = mk(-1, "dflt", NULL);
    printf("default priority with 3 levels %d\n", event_get_priority(dflt));

    event_active(p2a, EV_READ, 0);
    event_active(p1a, EV_READ, 0);
    event_active(p2b, EV_READ, 0);
    event_active(p0a, EV_READ, 0);
    event_active(dflt, EV_READ, 0);
    event_active(p1b, EV_READ, 0);
    flush_order("dispatch mixed", event_base_dispatch(base));

    /* A low-priority callback activating a higher one: the rest of the low
     * level still runs first in this iteration. */
    trigger_target = p0late;
    event_active(p2a, EV_READ, 0);
    event_active(p2b, EV_READ, 0);
    flush_order("p2a activates p0late", event_base_dispatch(base));

    /* A high-priority callback activating a lower one. */
    trigger_target = p1late;
    event_active(p0b, EV_READ, 0);
    event_active(p0a, EV_READ, 0);
    event_active(p1a, EV_READ, 0);
    flush_order("p0b activates p1late", event_base_dispatch(base));

    /* Same-level activation joins the current pass. */
    trigger_target = p0a;
    event_active(p0b, EV_READ, 0);
    event_active(p1a, EV_READ, 0);
    flush_order("p0b activates p0a", event_base_dispatch(base));

    /* Timers with priorities expiring together obey priority order. */
    struct timeval zero = {0, 0};
    event_assign(p2b, base, -1, 0, cb, "t2");
    event_priority_set(p2b, 2);
    event_assign(p1b, base, -1, 0, cb, "t1");
    event_priority_set(p1b, 1);
    event_assign(p0late, base, -1, 0, cb, "t0");
    event_priority_set(p0late, 0);
    event_add(p2b, &zero);
    event_add(p1b, &zero);
    event_add(p0late, &zero);
    flush_order("loop ONCE timers", event_base_loop(base, EVLOOP_ONCE));

    event_free(p2a);
    event_free(p2b);
    event_free(p0a);
    event_free(p0b);
    event_free(p1a);
    event_free(p1b);
    event_free(p0late);
    event_free(p1late);
    event_free(dflt);
    event_free(early);
    event_base_free(base);

    /* Max dispatch: at most one callback per iteration for priorities >= 1,
     * so a newly activated priority-0 event overtakes queued priority-1 ones. */
    for (int limited = 0; limited <= 1; limited++) {
        struct event_config *cfg = event_config_new();
        if (limited)
            event_config_set_max_dispatch_interval(cfg, NULL, 1, 1);
        base = event_base_new_with_config(cfg);
        event_config_free(cfg);
        event_base_priority_init(base, 2);
        struct event *q1 = mk(1, "q1", cb_trigger), *q2 = mk(1, "q2", NULL), *q3 = mk(1, "q3", NULL);
        struct event *hi = mk(0, "hi", NULL);
        trigger_target = hi;
        event_active(q1, EV_READ, 0);
        event_active(q2, EV_READ, 0);
        event_active(q3, EV_READ, 0);
        flush_order(limited ? "max_callbacks=1 min_priority=1" : "no dispatch limit",
                    event_base_dispatch(base));
        event_free(q1);
        event_free(q2);
        event_free(q3);
        event_free(hi);
        event_base_free(base);
    }
    printf("done\n");
    return 0;
}
