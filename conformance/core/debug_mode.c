/* Conformance: event_enable_debug_mode and the fatal-error path. Normal use
 * passes the debug checks; the final misuse (adding an event that was never
 * set up) is reported at severity ERR and ends in the fatal callback, whose
 * exit status is part of the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <event2/event.h>
#include <event2/event_struct.h>

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void on_fatal(int err)
{
    printf("fatal callback err=0x%x\n", (unsigned)err);
    fflush(stdout);
    exit(3);
}

static int fired;
static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    fired++;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    event_set_fatal_callback(on_fatal);
    event_enable_debug_mode();
    printf("debug mode enabled\n");

    struct event_base *base = event_base_new();
    struct timeval zero = {0, 0};

    /* Ordinary life cycle passes the checks. */
    struct event *e = evtimer_new(base, cb, NULL);
    printf("add -> %d\n", evtimer_add(e, &zero));
    printf("dispatch -> %d\n", event_base_dispatch(base));
    printf("fired %d\n", fired);
    printf("del -> %d\n", evtimer_del(e));
    event_free(e);

    /* Stack events: assign, use, unassign, assign again. */
    struct event s;
    printf("assign -> %d\n", event_assign(&s, base, -1, 0, cb, NULL));
    printf("add -> %d\n", event_add(&s, &zero));
    printf("dispatch -> %d\n", event_base_dispatch(base));
    printf("fired %d\n", fired);
    event_debug_unassign(&s);
    printf("unassigned\n");
    printf("reassign -> %d\n", event_assign(&s, base, -1, 0, cb, NULL));
    printf("pending %d\n", event_pending(&s, EV_TIMEOUT, NULL));
    event_debug_unassign(&s);

    /* Misuse: adding an event that was never set up. */
    struct event bogus;
    memset(&bogus, 0, sizeof(bogus));
    bogus.ev_base = base;
    printf("adding an event that was never assigned\n");
    int r = event_add(&bogus, &zero);
    printf("not reached: add -> %d\n", r);
    event_base_free(base);
    return 0;
}
