/* Conformance: event_finalize and event_free_finalize. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <event2/event.h>

static struct event_base *base;
static char order[1024];

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void note(const char *fmt, const char *name)
{
    char buf[96];
    snprintf(buf, sizeof(buf), fmt, name);
    strncat(order, buf, sizeof(order) - strlen(order) - 1);
}

static void flush_order(const char *label, int rv)
{
    printf("%s -> %d: %s\n", label, rv, order);
    order[0] = '\0';
}

static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    note("cb:%s ", (const char *)arg);
}

static void fin(struct event *ev, void *arg)
{
    note("fin:%s", (const char *)arg);
    note("(pending=%s) ", event_pending(ev, EV_TIMEOUT | EV_READ, NULL) ? "yes" : "no");
}

static void fin_free(struct event *ev, void *arg)
{
    note("fin_free:%s ", (const char *)arg);
    (void)ev;
}

static void fin_then_free(struct event *ev, void *arg)
{
    note("fin_then_free:%s ", (const char *)arg);
    event_free(ev);
}

static void fin_self(struct event *ev, void *arg)
{
    note("fin_self:%s ", arg == (void *)ev ? "arg-is-event" : "arg-differs");
}

/* Finalizes itself from inside its own callback. */
static void cb_self_finalize(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct event *self = arg;
    note("cb:%s ", "self");
    int r = event_free_finalize(0, self, fin_self);
    char buf[32];
    snprintf(buf, sizeof(buf), "[free_finalize->%d] ", r);
    strncat(order, buf, sizeof(order) - strlen(order) - 1);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    base = event_base_new();
    struct timeval far = {30, 0}, zero = {0, 0};

    /* Finalizing a pending event removes it; the finalizer runs in the loop. */
    struct event *a = evtimer_new(base, cb, "a");
    evtimer_add(a, &far);
    printf("finalize a -> %d\n", event_finalize(0, a, fin));
    printf("a pending after finalize %d\n", evtimer_pending(a, NULL) != 0);
    printf("add finalizing a -> %d\n", event_add(a, &zero));
    printf("active count %d\n", event_base_get_num_events(base, EVENT_BASE_COUNT_ACTIVE));
    flush_order("dispatch", event_base_dispatch(base));
    event_free(a);

    /* Finalizers queue behind already-active callbacks of the same priority. */
    struct event *b = event_new(base, -1, 0, cb, "b");
    struct event *c = event_new(base, -1, 0, cb, "c");
    struct event *d = event_new(base, -1, 0, cb, "d");
    event_active(b, EV_READ, 0);
    event_active(c, EV_READ, 0);
    printf("finalize c (active) -> %d\n", event_finalize(0, c, fin));
    event_active(d, EV_READ, 0);
    printf("free_finalize d (active) -> %d\n", event_free_finalize(0, d, fin_free));
    flush_order("dispatch active + finalizers", event_base_dispatch(base));
    event_free(b);
    event_free(c);

    /* event_free_finalize on an idle event; a finalizer that frees itself. */
    struct event *e = evtimer_new(base, cb, "e");
    struct event *f = evtimer_new(base, cb, "f");
    printf("free_finalize e -> %d\n", event_free_finalize(0, e, fin_free));
    printf("finalize f -> %d\n", event_finalize(0, f, fin_then_free));
    flush_order("dispatch idle finalizers", event_base_dispatch(base));

    /* An event finalizing itself from its own callback. */
    struct event *s = event_new(base, -1, EV_PERSIST, cb_self_finalize, event_self_cbarg());
    event_add(s, &zero);
    flush_order("dispatch self finalize", event_base_dispatch(base));

    /* EV_FINALIZE events behave normally otherwise. */
    struct event *g = event_new(base, -1, EV_FINALIZE, cb, "g");
    printf("EV_FINALIZE events 0x%x\n", (unsigned)event_get_events(g));
    event_add(g, &zero);
    flush_order("dispatch EV_FINALIZE timer", event_base_dispatch(base));
    printf("free_finalize g -> %d\n", event_free_finalize(0, g, fin_free));

    /* Finalizers still queued when the base is freed run during the free. */
    struct event *h = evtimer_new(base, cb, "h");
    evtimer_add(h, &far);
    event_free_finalize(0, h, fin_free);
    printf("freeing base with a queued finalizer\n");
    event_base_free(base);
    flush_order("after base free", 0);
    printf("done\n");
    return 0;
}
