/* Conformance: event_base_once. */
#include <stdio.h>
#include <string.h>
#include <signal.h>
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

static void cb_nested(evutil_socket_t fd, short what, void *arg)
{
    cb(fd, what, arg);
    struct timeval zero = {0, 0};
    int r = event_base_once(base, -1, EV_TIMEOUT, cb, "nested", &zero);
    char buf[32];
    snprintf(buf, sizeof(buf), "[once->%d] ", r);
    strncat(order, buf, sizeof(order) - strlen(order) - 1);
}

static void flush_order(const char *label, int rv)
{
    printf("%s -> %d: %s\n", label, rv, order);
    order[0] = '\0';
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    base = event_base_new();
    int sv[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);

    struct timeval zero = {0, 0}, t5 = {0, 5000}, t20 = {0, 20000}, far = {30, 0};
    printf("once timeout NULL -> %d\n", event_base_once(base, -1, EV_TIMEOUT, cb, "null_tv", NULL));
    printf("once timeout 0 -> %d\n", event_base_once(base, -1, EV_TIMEOUT, cb, "zero_tv", &zero));
    printf("once events 0 -> %d\n", event_base_once(base, -1, 0, cb, "no_events", &zero));
    printf("num events %d\n", event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED | EVENT_BASE_COUNT_ACTIVE));
    flush_order("dispatch", event_base_dispatch(base));

    /* Ordered by deadline (the earlier one is added first: a stall between the
     * two calls can only push the later deadline further out). */
    printf("once 5ms -> %d\n", event_base_once(base, -1, EV_TIMEOUT, cb, "t5", &t5));
    printf("once 20ms -> %d\n", event_base_once(base, -1, EV_TIMEOUT, cb, "t20", &t20));
    flush_order("dispatch timers", event_base_dispatch(base));

    /* I/O: readable socket fires with EV_READ; unreadable one times out. */
    send(sv[1], "x", 1, 0);
    printf("once read ready -> %d\n", event_base_once(base, sv[0], EV_READ, cb, "rd", &far));
    flush_order("dispatch read ready", event_base_dispatch(base));
    char buf[8];
    recv(sv[0], buf, sizeof(buf), 0);
    printf("once read timeout -> %d\n", event_base_once(base, sv[0], EV_READ, cb, "rd_to", &t5));
    flush_order("dispatch read timeout", event_base_dispatch(base));
    printf("once write -> %d\n", event_base_once(base, sv[0], EV_WRITE, cb, "wr", NULL));
    flush_order("dispatch write", event_base_dispatch(base));
    printf("once read|write -> %d\n", event_base_once(base, sv[0], EV_READ | EV_WRITE, cb, "rw", NULL));
    flush_order("dispatch read|write", event_base_dispatch(base));

    /* Unsupported kinds. */
    printf("once EV_SIGNAL -> %d\n", event_base_once(base, SIGUSR1, EV_SIGNAL, cb, "sig", NULL));
    printf("once EV_PERSIST timer -> %d\n", event_base_once(base, -1, EV_TIMEOUT | EV_PERSIST, cb, "p", &t5));
    printf("once EV_READ|EV_PERSIST -> %d\n", event_base_once(base, sv[0], EV_READ | EV_PERSIST, cb, "p", &t5));
    flush_order("dispatch after rejected", event_base_dispatch(base));

    /* Scheduling a once from a once callback. */
    event_base_once(base, -1, EV_TIMEOUT, cb_nested, "outer", &zero);
    flush_order("dispatch nested", event_base_dispatch(base));

    /* Pending once events are released with the base without running. */
    event_base_once(base, -1, EV_TIMEOUT, cb, "never", &far);
    event_base_once(base, sv[0], EV_READ, cb, "never_rd", NULL);
    flush_order("loop nonblock with far once", event_base_loop(base, EVLOOP_NONBLOCK));
    printf("num events before free %d\n", event_base_get_num_events(base, EVENT_BASE_COUNT_ADDED));
    event_base_free(base);
    flush_order("after base free", 0);
    evutil_closesocket(sv[0]);
    evutil_closesocket(sv[1]);
    printf("done\n");
    return 0;
}
