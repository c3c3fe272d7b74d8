/* Conformance: the libevent 1.x compatibility API (event2/event_compat.h),
 * which works on the implicit "current" base created by event_init(). */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <event2/event.h>
#include <event2/event_struct.h>
#include <event2/event_compat.h>

static char order[1024];
static struct event_base *cur;

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

static void cb_break(evutil_socket_t fd, short what, void *arg)
{
    cb(fd, what, arg);
    printf("  event_loopbreak -> %d\n", event_loopbreak());
}

static void cb_exit(evutil_socket_t fd, short what, void *arg)
{
    cb(fd, what, arg);
    printf("  event_loopexit(NULL) -> %d\n", event_loopexit(NULL));
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

    cur = event_init();
    printf("event_init -> %s\n", cur ? "base" : "NULL");
    printf("event_get_method %s same as base: %s\n", event_get_method(),
           strcmp(event_get_method(), event_base_get_method(cur)) == 0 ? "yes" : "no");

    /* event_set binds to the current base. */
    struct event t1, t2, t3;
    event_set(&t1, -1, 0, cb, "t1");
    printf("event_set: base is current %s, events 0x%x, initialized %d\n",
           event_get_base(&t1) == cur ? "yes" : "no", (unsigned)event_get_events(&t1),
           event_initialized(&t1) != 0);
    printf("priority of event_set event %d\n", event_get_priority(&t1));
    evtimer_set(&t2, cb, "t2");
    timeout_set(&t3, cb, "t3");
    struct timeval t10 = {0, 10000}, t20 = {0, 20000}, t5 = {0, 5000};
    /* Earliest first so a stall between adds cannot reorder deadlines. */
    timeout_add(&t3, &t5);
    event_add(&t1, &t10);
    evtimer_add(&t2, &t20);
    printf("timeout_pending t3 %d timeout_initialized %d\n", timeout_pending(&t3, NULL) != 0,
           timeout_initialized(&t3) != 0);
    flush_order("event_dispatch", event_dispatch());

    /* event_loop flags. */
    flush_order("event_loop(EVLOOP_NONBLOCK) empty", event_loop(EVLOOP_NONBLOCK));
    flush_order("event_loop(0) empty", event_loop(0));
    event_add(&t1, &t5);
    flush_order("event_loop(EVLOOP_ONCE)", event_loop(EVLOOP_ONCE));

    /* event_once on the current base. */
    printf("event_once -> %d\n", event_once(-1, EV_TIMEOUT, cb, "once", &t5));
    printf("event_once signal -> %d\n", event_once(SIGUSR1, EV_SIGNAL, cb, "bad", NULL));
    flush_order("event_dispatch once", event_dispatch());

    /* event_loopexit with a timeout, and loopbreak / loopexit from callbacks. */
    struct timeval far = {30, 0};
    event_add(&t2, &far);
    printf("event_loopexit(10ms) -> %d\n", event_loopexit(&t10));
    flush_order("event_dispatch until loopexit", event_dispatch());
    printf("got_exit %d\n", event_base_got_exit(cur));
    event_del(&t2);

    struct event b1, b2;
    event_set(&b1, -1, 0, cb_break, "b1");
    event_set(&b2, -1, 0, cb, "b2");
    event_active(&b1, EV_TIMEOUT, 1);
    event_active(&b2, EV_TIMEOUT, 1);
    flush_order("dispatch with loopbreak", event_dispatch());
    printf("got_break %d\n", event_base_got_break(cur));
    flush_order("dispatch rest", event_dispatch());
    event_set(&b1, -1, 0, cb_exit, "b1");
    event_active(&b1, EV_TIMEOUT, 1);
    event_active(&b2, EV_TIMEOUT, 1);
    flush_order("dispatch with loopexit", event_dispatch());

    /* event_priority_init on the current base. */
    int r = event_priority_init(3);
    printf("event_priority_init(3) -> %d npriorities %d\n", r, event_base_get_npriorities(cur));
    struct event p;
    event_set(&p, -1, 0, cb, "p");
    printf("event_set priority after init %d\n", event_get_priority(&p));
    printf("event_priority_init(0) -> %d\n", event_priority_init(0));

    /* I/O and signal helpers. */
    int sv[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct event rd;
    event_set(&rd, sv[0], EV_READ, cb, "rd");
    printf("EVENT_FD matches %s\n", EVENT_FD(&rd) == sv[0] ? "yes" : "no");
    event_add(&rd, NULL);
    send(sv[1], "x", 1, 0);
    flush_order("dispatch read", event_dispatch());
    struct event sg;
    signal_set(&sg, SIGUSR1, cb, "sig");
    printf("EVENT_SIGNAL %s events 0x%x\n", EVENT_SIGNAL(&sg) == SIGUSR1 ? "SIGUSR1" : "other",
           (unsigned)event_get_events(&sg));
    signal_add(&sg, NULL);
    printf("signal_pending %d signal_initialized %d\n", signal_pending(&sg, NULL) != 0,
           signal_initialized(&sg) != 0);
    raise(SIGUSR1);
    flush_order("loop nonblock signal", event_loop(EVLOOP_NONBLOCK));
    signal_del(&sg);
    struct event sg2;
    evsignal_set(&sg2, SIGUSR2, cb, "sig2");
    printf("evsignal_set events 0x%x\n", (unsigned)event_get_events(&sg2));

    /* event_base_set moves an event_set event to another base. */
    struct event_base *other = event_base_new();
    struct event mv;
    event_set(&mv, -1, 0, cb, "mv");
    printf("event_base_set -> %d\n", event_base_set(other, &mv));
    printf("moved event base is other %s\n", event_get_base(&mv) == other ? "yes" : "no");
    event_add(&mv, &t5);
    flush_order("dispatch current (mv is elsewhere)", event_dispatch());
    flush_order("dispatch other", event_base_dispatch(other));
    event_add(&mv, &far);
    printf("event_base_set on pending -> %d\n", event_base_set(cur, &mv));
    event_del(&mv);
    event_base_free(other);

    evutil_closesocket(sv[0]);
    evutil_closesocket(sv[1]);
    event_base_free(cur);
    printf("done\n");
    return 0;
}
