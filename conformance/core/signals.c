/* Conformance: signal events. Signals are raised synchronously with raise()
 * or kill(getpid()), so delivery never depends on timing. */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/types.h>
#include <event2/event.h>

static struct event_base *base;
static char order[1024];
static int stop_after = -1;
static int calls;

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void note(const char *s)
{
    strncat(order, s, sizeof(order) - strlen(order) - 1);
}

static void flush_order(const char *label, int rv)
{
    printf("%s -> %d: %s\n", label, rv, order);
    order[0] = '\0';
}

static void cb_sig(evutil_socket_t fd, short what, void *arg)
{
    char buf[96];
    calls++;
    snprintf(buf, sizeof(buf), "%s(sig=%s,0x%x) ", (const char *)arg,
             fd == SIGUSR1 ? "USR1" : fd == SIGUSR2 ? "USR2" : "other", (unsigned)what);
    note(buf);
}

static struct event *stopper_target;
static void cb_sig_stop(evutil_socket_t fd, short what, void *arg)
{
    cb_sig(fd, what, arg);
    if (calls == stop_after) {
        int r = event_del(stopper_target);
        char buf[48];
        snprintf(buf, sizeof(buf), "[del->%d] ", r);
        note(buf);
    }
}

/* A chain timer -> raise(SIGUSR2) -> signal callback -> re-arm timer, so the
 * order is fixed even if the process stalls. */
static int raises_left;
static struct event *chain_timer, *chain_sig;
static void cb_timer_raise(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    note("tick ");
    raise(SIGUSR2);
}

static void cb_chain_sig(evutil_socket_t fd, short what, void *arg)
{
    cb_sig(fd, what, arg);
    if (--raises_left > 0) {
        struct timeval tv = {0, 1000};
        event_add(chain_timer, &tv);
    } else {
        event_del(chain_sig);
    }
}

static const char *disposition(int sig)
{
    struct sigaction sa;
    sigaction(sig, NULL, &sa);
    if (sa.sa_handler == SIG_DFL)
        return "default";
    if (sa.sa_handler == SIG_IGN)
        return "ignored";
    return "handler";
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    base = event_base_new();

    printf("USR1 disposition before %s\n", disposition(SIGUSR1));
    struct event *s1 = evsignal_new(base, SIGUSR1, cb_sig, "s1");
    printf("evsignal_add -> %d\n", evsignal_add(s1, NULL));
    printf("USR1 disposition while added %s\n", disposition(SIGUSR1));
    printf("evsignal_pending %d\n", evsignal_pending(s1, NULL) != 0);

    /* One raise, non-persistent event: runs once, then is no longer pending. */
    raise(SIGUSR1);
    flush_order("one raise, loop NONBLOCK", event_base_loop(base, EVLOOP_NONBLOCK));
    printf("evsignal_pending after run %d\n", evsignal_pending(s1, NULL) != 0);
    printf("USR1 disposition after auto-del %s\n", disposition(SIGUSR1));

    /* Three raises before the loop: the callback sees them as ncalls. */
    evsignal_add(s1, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    calls = 0;
    flush_order("three raises, loop NONBLOCK", event_base_loop(base, EVLOOP_NONBLOCK));
    printf("calls %d\n", calls);

    /* Several events on one signal, persistent and not. */
    struct event *p1 = evsignal_new(base, SIGUSR1, cb_sig, "p1");
    event_assign(p1, base, SIGUSR1, EV_SIGNAL | EV_PERSIST, cb_sig, "p1");
    struct event *p2 = event_new(base, SIGUSR1, EV_SIGNAL | EV_PERSIST, cb_sig, "p2");
    evsignal_add(s1, NULL);
    evsignal_add(p1, NULL);
    evsignal_add(p2, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);
    calls = 0;
    flush_order("three events, two raises", event_base_loop(base, EVLOOP_NONBLOCK));
    printf("calls %d pending s1=%d p1=%d p2=%d\n", calls, evsignal_pending(s1, NULL) != 0,
           evsignal_pending(p1, NULL) != 0, evsignal_pending(p2, NULL) != 0);
    raise(SIGUSR1);
    flush_order("persistent ones again", event_base_loop(base, EVLOOP_NONBLOCK));

    /* Deleting from inside the callback stops the remaining ncalls. */
    event_del(p2);
    calls = 0;
    stop_after = 2;
    struct event *st = event_new(base, SIGUSR1, EV_SIGNAL | EV_PERSIST, cb_sig_stop, "st");
    stopper_target = st;
    event_del(p1);
    evsignal_add(st, NULL);
    for (int i = 0; i < 4; i++)
        raise(SIGUSR1);
    flush_order("del inside callback after 2 of 4", event_base_loop(base, EVLOOP_NONBLOCK));
    printf("calls %d\n", calls);
    stop_after = -1;
    printf("USR1 disposition with no events %s\n", disposition(SIGUSR1));

    /* Two signals. */
    struct event *u1 = event_new(base, SIGUSR1, EV_SIGNAL | EV_PERSIST, cb_sig, "u1");
    struct event *u2 = event_new(base, SIGUSR2, EV_SIGNAL | EV_PERSIST, cb_sig, "u2");
    event_add(u1, NULL);
    event_add(u2, NULL);
    raise(SIGUSR2);
    raise(SIGUSR1);
    raise(SIGUSR2);
    calls = 0;
    flush_order("USR2,USR1,USR2", event_base_loop(base, EVLOOP_NONBLOCK));
    printf("calls %d\n", calls);

    /* Signals raised from a running loop. */
    event_del(u1);
    event_del(u2);
    event_del(s1);
    chain_timer = evtimer_new(base, cb_timer_raise, NULL);
    chain_sig = event_new(base, SIGUSR2, EV_SIGNAL | EV_PERSIST, cb_chain_sig, "c2");
    event_add(chain_sig, NULL);
    raises_left = 3;
    struct timeval tv = {0, 1000};
    event_add(chain_timer, &tv);
    calls = 0;
    flush_order("raised from timer callbacks (dispatch)", event_base_dispatch(base));
    printf("calls %d\n", calls);
    event_add(u2, NULL);

    /* event_base_active_by_signal. */
    event_add(u1, NULL);
    event_base_active_by_signal(base, SIGUSR1);
    flush_order("active_by_signal USR1", event_base_loop(base, EVLOOP_NONBLOCK));
    event_base_active_by_signal(base, SIGUSR2);
    event_base_active_by_signal(base, SIGUSR2);
    flush_order("active_by_signal USR2 twice", event_base_loop(base, EVLOOP_NONBLOCK));

    event_free(u1);
    event_free(u2);
    event_free(chain_timer);
    event_free(chain_sig);
    event_free(st);
    event_free(p1);
    event_free(p2);
    event_free(s1);
    printf("USR1 disposition after frees %s, USR2 %s\n", disposition(SIGUSR1), disposition(SIGUSR2));

    /* A signal event with a timeout: the timeout fires first. */
    struct event *ts = evsignal_new(base, SIGUSR1, cb_sig, "ts");
    struct timeval t2 = {0, 2000};
    evsignal_add(ts, &t2);
    flush_order("signal event timeout", event_base_dispatch(base));
    event_free(ts);
    event_base_free(base);
    printf("done\n");
    return 0;
}
