/* Conformance: event_active with result flags, repeated activation, and how
 * manual activation interacts with add/del/free and persistence. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <event2/event.h>

static struct event_base *base;
static char order[512];

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    char buf[64];
    snprintf(buf, sizeof(buf), "%s(0x%x) ", (const char *)arg, (unsigned)what);
    strncat(order, buf, sizeof(order) - strlen(order) - 1);
}

static void flush_order(const char *label, int rv)
{
    printf("%s -> %d order: %s\n", label, rv, order);
    order[0] = '\0';
}

static void show(const char *label, struct event *e)
{
    printf("  %s pending=0x%x\n", label,
           (unsigned)event_pending(e, EV_READ | EV_WRITE | EV_TIMEOUT | EV_SIGNAL | EV_CLOSED, NULL));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    base = event_base_new();
    int fds[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, fds);

    struct event *a = event_new(base, -1, 0, cb, "a");
    struct event *b = event_new(base, -1, 0, cb, "b");

    /* Each result flag is delivered as given. */
    static const short flags[] = {EV_TIMEOUT, EV_READ, EV_WRITE, EV_SIGNAL, EV_READ | EV_WRITE,
                                  EV_CLOSED, EV_READ | EV_TIMEOUT, 0};
    for (unsigned i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        event_active(a, flags[i], 0);
        char label[64];
        snprintf(label, sizeof(label), "active 0x%x", (unsigned)flags[i]);
        flush_order(label, event_base_loop(base, EVLOOP_NONBLOCK));
    }

    /* Repeated activation before the loop runs merges the flags, one call. */
    event_active(a, EV_READ, 0);
    event_active(a, EV_WRITE, 0);
    event_active(a, EV_READ, 0);
    event_active(b, EV_TIMEOUT, 0);
    event_active(a, EV_CLOSED, 0);
    flush_order("repeated activation", event_base_loop(base, EVLOOP_NONBLOCK));
    printf("num active after loop %d\n", event_base_get_num_events(base, EVENT_BASE_COUNT_ACTIVE));

    /* Counting active events. */
    event_active(a, EV_READ, 0);
    event_active(b, EV_READ, 0);
    printf("num active %d added %d virtual %d\n",
           event_base_get_num_events(base, EVENT_BASE_COUNT_ACTIVE),
           event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED),
           event_base_get_num_events(base, EVENT_BASE_COUNT_VIRTUAL));
    show("active a", a);
    /* event_del cancels a pending activation. */
    printf("del a -> %d\n", event_del(a));
    printf("num active after del %d\n", event_base_get_num_events(base, EVENT_BASE_COUNT_ACTIVE));
    flush_order("after del of active a", event_base_loop(base, EVLOOP_NONBLOCK));

    /* Freeing an active event cancels it too. */
    struct event *c = event_new(base, -1, 0, cb, "c");
    event_active(c, EV_READ, 0);
    event_active(b, EV_READ, 0);
    event_free(c);
    flush_order("after free of active c", event_base_loop(base, EVLOOP_NONBLOCK));

    /* Activating a non-persistent pending I/O event runs it and removes it. */
    struct event *rd = event_new(base, fds[0], EV_READ, cb, "rd");
    event_add(rd, NULL);
    show("rd added", rd);
    event_active(rd, EV_WRITE, 0);
    show("rd active", rd);
    flush_order("activate pending rd", event_base_loop(base, EVLOOP_NONBLOCK));
    show("rd after run", rd);

    /* A persistent one stays pending; its timeout is kept. */
    struct event *prd = event_new(base, fds[0], EV_READ | EV_PERSIST, cb, "prd");
    struct timeval ten = {10, 0};
    event_add(prd, &ten);
    event_active(prd, EV_READ, 0);
    flush_order("activate persistent prd", event_base_loop(base, EVLOOP_NONBLOCK));
    show("prd after run", prd);
    event_del(prd);

    /* A pending timer activated by hand. */
    struct event *tm = evtimer_new(base, cb, "tm");
    evtimer_add(tm, &ten);
    event_active(tm, EV_TIMEOUT, 0);
    flush_order("activate pending timer", event_base_loop(base, EVLOOP_NONBLOCK));
    show("tm after run", tm);

    /* Activation does not require the event to be added; adding an active
     * event keeps it active once. */
    event_active(b, EV_READ, 0);
    event_add(b, &ten);
    flush_order("active then added", event_base_loop(base, EVLOOP_NONBLOCK));
    show("b after run", b);

    /* Activation order is FIFO within one priority. */
    struct event *e[5];
    static const char *names[] = {"e0", "e1", "e2", "e3", "e4"};
    for (int i = 0; i < 5; i++)
        e[i] = event_new(base, -1, 0, cb, (void *)names[i]);
    event_active(e[3], EV_READ, 0);
    event_active(e[1], EV_READ, 0);
    event_active(e[4], EV_READ, 0);
    event_active(e[0], EV_READ, 0);
    event_active(e[1], EV_WRITE, 0);
    event_active(e[2], EV_READ, 0);
    flush_order("fifo", event_base_loop(base, EVLOOP_NONBLOCK));
    for (int i = 0; i < 5; i++)
        event_free(e[i]);

    /* event_active from a callback on an event that already ran. */
    flush_order("empty", event_base_loop(base, EVLOOP_NONBLOCK));

    event_free(a);
    event_free(b);
    event_free(rd);
    event_free(prd);
    event_free(tm);
    evutil_closesocket(fds[0]);
    evutil_closesocket(fds[1]);
    event_base_free(base);
    printf("done\n");
    return 0;
}
