/* Conformance: event_base_loop flags and results, loopbreak / loopexit /
 * loopcontinue, got_exit / got_break, re-entrancy and self re-activation. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <event2/event.h>

static struct event_base *base;
static char order[512];
static struct event *ev[4];
static int action[4];
static int self_count;

enum { ACT_NONE, ACT_BREAK, ACT_EXIT, ACT_CONTINUE, ACT_REENTER, ACT_ACTIVATE_NEXT };

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void flush_order(const char *label, int rv)
{
    printf("%-38s -> %2d got_exit=%d got_break=%d order: %s\n", label, rv,
           event_base_got_exit(base), event_base_got_break(base), order);
    order[0] = '\0';
}

static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    int i = (int)(long)arg;
    char buf[32];
    snprintf(buf, sizeof(buf), "e%d(0x%x) ", i, (unsigned)what);
    strncat(order, buf, sizeof(order) - strlen(order) - 1);
    switch (action[i]) {
    case ACT_BREAK:
        printf("  e%d loopbreak -> %d\n", i, event_base_loopbreak(base));
        break;
    case ACT_EXIT:
        printf("  e%d loopexit -> %d\n", i, event_base_loopexit(base, NULL));
        break;
    case ACT_CONTINUE:
        printf("  e%d loopcontinue -> %d\n", i, event_base_loopcontinue(base));
        break;
    case ACT_REENTER: {
        int r = event_base_loop(base, EVLOOP_NONBLOCK);
        printf("  e%d reentrant loop -> %d\n", i, r);
        r = event_base_dispatch(base);
        printf("  e%d reentrant dispatch -> %d\n", i, r);
        break;
    }
    case ACT_ACTIVATE_NEXT:
        if (i + 1 < 4)
            event_active(ev[i + 1], EV_WRITE, 0);
        break;
    }
}

static void cb_self(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct event *self = arg;
    self_count++;
    strncat(order, "self ", sizeof(order) - strlen(order) - 1);
    if (self_count < 4)
        event_active(self, EV_TIMEOUT, 0);
}

static void reset(void)
{
    for (int i = 0; i < 4; i++)
        action[i] = ACT_NONE;
}

static void activate_all(void)
{
    for (int i = 0; i < 4; i++)
        event_active(ev[i], EV_READ, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    base = event_base_new();
    for (int i = 0; i < 4; i++)
        ev[i] = event_new(base, -1, 0, cb, (void *)(long)i);

    /* Empty base. */
    flush_order("dispatch empty", event_base_dispatch(base));
    flush_order("loop 0 empty", event_base_loop(base, 0));
    flush_order("loop ONCE empty", event_base_loop(base, EVLOOP_ONCE));
    flush_order("loop NONBLOCK empty", event_base_loop(base, EVLOOP_NONBLOCK));
    flush_order("loop ONCE|NONBLOCK empty", event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK));

    /* NO_EXIT_ON_EMPTY keeps running until told to exit. */
    struct timeval t = {0, 20000};
    event_base_loopexit(base, &t);
    flush_order("loop NO_EXIT_ON_EMPTY + loopexit(20ms)", event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY));
    flush_order("loop NO_EXIT_ON_EMPTY|NONBLOCK", event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY | EVLOOP_NONBLOCK));

    /* Active events, plain. */
    reset();
    activate_all();
    flush_order("dispatch 4 active", event_base_dispatch(base));
    activate_all();
    flush_order("loop ONCE 4 active", event_base_loop(base, EVLOOP_ONCE));
    activate_all();
    flush_order("loop NONBLOCK 4 active", event_base_loop(base, EVLOOP_NONBLOCK));

    /* A pending but not ready event: NONBLOCK returns 0 without running it. */
    int fds[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    struct event *rd = event_new(base, fds[0], EV_READ, cb, (void *)3L);
    event_add(rd, NULL);
    flush_order("loop NONBLOCK pending-not-ready", event_base_loop(base, EVLOOP_NONBLOCK));
    event_del(rd);

    /* loopbreak stops the remaining callbacks of the iteration. */
    reset();
    action[1] = ACT_BREAK;
    activate_all();
    flush_order("dispatch break at e1", event_base_dispatch(base));
    reset();
    flush_order("dispatch runs the rest", event_base_dispatch(base));

    /* loopexit(NULL) lets the current iteration finish. */
    action[1] = ACT_EXIT;
    activate_all();
    flush_order("dispatch exit at e1", event_base_dispatch(base));
    reset();
    flush_order("dispatch after exit", event_base_dispatch(base));

    /* loopcontinue. */
    action[1] = ACT_CONTINUE;
    activate_all();
    flush_order("dispatch continue at e1", event_base_dispatch(base));
    activate_all();
    flush_order("loop ONCE continue at e1", event_base_loop(base, EVLOOP_ONCE));
    reset();
    flush_order("dispatch after continue", event_base_dispatch(base));

    /* Re-entrant loop calls fail. */
    action[0] = ACT_REENTER;
    event_active(ev[0], EV_READ, 0);
    flush_order("dispatch reentrant", event_base_dispatch(base));
    reset();

    /* Calls outside a running loop. */
    printf("loopbreak outside -> %d\n", event_base_loopbreak(base));
    printf("got_break after outside break %d\n", event_base_got_break(base));
    event_active(ev[2], EV_READ, 0);
    flush_order("dispatch after outside break", event_base_dispatch(base));
    printf("loopcontinue outside -> %d\n", event_base_loopcontinue(base));
    event_active(ev[2], EV_READ, 0);
    flush_order("dispatch after outside continue", event_base_dispatch(base));
    printf("loopexit(NULL) outside -> %d\n", event_base_loopexit(base, NULL));
    event_active(ev[2], EV_READ, 0);
    event_active(ev[3], EV_READ, 0);
    flush_order("dispatch after outside exit", event_base_dispatch(base));
    flush_order("dispatch again", event_base_dispatch(base));

    /* Activation chains inside one EVLOOP_ONCE call. */
    action[0] = action[1] = action[2] = ACT_ACTIVATE_NEXT;
    event_active(ev[0], EV_READ, 0);
    flush_order("loop ONCE chain", event_base_loop(base, EVLOOP_ONCE));
    reset();

    /* An event re-activating itself runs again within the same ONCE call. */
    struct event *self = event_new(base, -1, 0, cb_self, event_self_cbarg());
    event_active(self, EV_TIMEOUT, 0);
    flush_order("loop ONCE self re-activation", event_base_loop(base, EVLOOP_ONCE));
    printf("self count %d\n", self_count);
    self_count = 0;
    event_active(self, EV_TIMEOUT, 0);
    flush_order("loop NONBLOCK self re-activation", event_base_loop(base, EVLOOP_NONBLOCK));
    printf("self count %d\n", self_count);
    event_free(self);

    /* A loop with a timer and NO_EXIT_ON_EMPTY stops on loopbreak from it. */
    action[0] = ACT_BREAK;
    struct timeval t1 = {0, 1000};
    event_add(ev[0], &t1);
    flush_order("loop NO_EXIT_ON_EMPTY break from timer", event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY));
    reset();

    printf("loopbreak NULL base -> %d\n", event_base_loopbreak(NULL));
    printf("loopcontinue NULL base -> %d\n", event_base_loopcontinue(NULL));

    event_free(rd);
    for (int i = 0; i < 4; i++)
        event_free(ev[i]);
    evutil_closesocket(fds[0]);
    evutil_closesocket(fds[1]);
    event_base_free(base);
    printf("done\n");
    return 0;
}
