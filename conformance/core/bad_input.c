/* Conformance: misuse that libevent rejects without crashing. Prints return
 * values and the severities of the log messages it produces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <event2/event.h>
#include <event2/event_struct.h>

static int nlogs;

static void on_log(int severity, const char *msg)
{
    (void)msg;
    nlogs++;
    printf("  log severity %d\n", severity);
}

static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    printf("  cb %s what=0x%x\n", (const char *)arg, (unsigned)what);
}

#define SHOW(label, expr)                                                                          \
    do {                                                                                           \
        long v_ = (long)(expr);                                                                    \
        printf("%s -> %ld\n", label, v_);                                                          \
    } while (0)

#define SHOWP(label, expr)                                                                         \
    do {                                                                                           \
        const void *p_ = (const void *)(expr);                                                     \
        printf("%s -> %s\n", label, p_ ? "non-NULL" : "NULL");                                     \
    } while (0)

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    struct event_base *base = event_base_new();
    int sv[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);

    /* Signal events cannot also be I/O events. */
    struct event ev;
    memset(&ev, 0, sizeof(ev));
    SHOW("assign SIGNAL|READ", event_assign(&ev, base, SIGUSR1, EV_SIGNAL | EV_READ, cb, "x"));
    SHOW("assign SIGNAL|WRITE", event_assign(&ev, base, SIGUSR1, EV_SIGNAL | EV_WRITE, cb, "x"));
    SHOW("assign SIGNAL|CLOSED", event_assign(&ev, base, SIGUSR1, EV_SIGNAL | EV_CLOSED, cb, "x"));
    SHOWP("new SIGNAL|READ", event_new(base, SIGUSR1, EV_SIGNAL | EV_READ, cb, "x"));
    SHOW("assign SIGNAL|PERSIST", event_assign(&ev, base, SIGUSR1, EV_SIGNAL | EV_PERSIST, cb, "x"));

    /* Events without a base. */
    struct event nobase;
    memset(&nobase, 0, sizeof(nobase));
    SHOW("assign with NULL base (no current base)", event_assign(&nobase, NULL, -1, 0, cb, "nb"));
    struct timeval zero = {0, 0};
    SHOW("add event with no base", event_add(&nobase, &zero));
    SHOW("del event with no base", event_del(&nobase));
    struct event zeroed;
    memset(&zeroed, 0, sizeof(zeroed));
    SHOW("initialized(zeroed)", event_initialized(&zeroed));
    SHOW("pending(zeroed)", event_pending(&zeroed, EV_READ | EV_WRITE | EV_TIMEOUT, NULL));
    SHOW("del(zeroed)", event_del(&zeroed));

    /* Invalid file descriptors. */
    struct event *badfd = event_new(base, -1, EV_READ, cb, "badfd");
    SHOWP("new READ fd -1", badfd);
    SHOW("add READ fd -1", event_add(badfd, NULL));
    SHOW("pending after failed add", event_pending(badfd, EV_READ, NULL));
    event_free(badfd);
    int closedfd = dup(sv[0]);
    close(closedfd);
    struct event *cfd = event_new(base, closedfd, EV_READ, cb, "closedfd");
    SHOW("add READ on closed fd", event_add(cfd, NULL));
    event_free(cfd);
    SHOW("dispatch after failures", event_base_dispatch(base));

    /* Priorities out of range. */
    SHOW("priority_init(0)", event_base_priority_init(base, 0));
    SHOW("priority_init(-5)", event_base_priority_init(base, -5));
    SHOW("priority_init(EVENT_MAX_PRIORITIES)", event_base_priority_init(base, EVENT_MAX_PRIORITIES));
    SHOW("priority_init(EVENT_MAX_PRIORITIES+1)", event_base_priority_init(base, EVENT_MAX_PRIORITIES + 1));
    SHOW("npriorities", event_base_get_npriorities(base));
    struct event *pe = event_new(base, -1, 0, cb, "pe");
    SHOW("priority_set(-1)", event_priority_set(pe, -1));
    SHOW("priority_set(1) with 1 level", event_priority_set(pe, 1));
    SHOW("priority_set(1000)", event_priority_set(pe, 1000));

    /* event_base_once with unsupported kinds. */
    SHOW("once SIGNAL", event_base_once(base, SIGUSR1, EV_SIGNAL, cb, "o", NULL));
    SHOW("once PERSIST", event_base_once(base, -1, EV_PERSIST, cb, "o", &zero));
    SHOW("dispatch", event_base_dispatch(base));

    /* Config misuse. */
    struct event_config *cfg = event_config_new();
    SHOW("require all features", event_config_require_features(cfg, EV_FEATURE_ET | EV_FEATURE_O1 |
                                                                     EV_FEATURE_FDS |
                                                                     EV_FEATURE_EARLY_CLOSE));
    SHOWP("base with impossible features", event_base_new_with_config(cfg));
    event_config_free(cfg);
    cfg = event_config_new();
    const char **m = event_get_supported_methods();
    for (int i = 0; m[i]; i++)
        event_config_avoid_method(cfg, m[i]);
    SHOWP("base avoiding every method", event_base_new_with_config(cfg));
    event_config_free(cfg);
    cfg = event_config_new();
    SHOW("num_cpus_hint(-1)", event_config_set_num_cpus_hint(cfg, -1));
    SHOW("set_flag(0)", event_config_set_flag(cfg, 0));
    struct event_base *b2 = event_base_new_with_config(cfg);
    SHOWP("base after odd hints", b2);
    if (b2)
        event_base_free(b2);
    event_config_free(cfg);

    /* Loop control on NULL. */
    SHOW("loopbreak(NULL)", event_base_loopbreak(NULL));
    SHOW("loopcontinue(NULL)", event_base_loopcontinue(NULL));

    /* Counting queries with unknown flags. */
    SHOW("get_num_events(0)", event_base_get_num_events(base, 0));
    SHOW("get_max_events(0)", event_base_get_max_events(base, 0, 0));

    /* Negative timeouts are accepted and expire at once. */
    struct event *neg = evtimer_new(base, cb, "neg");
    struct timeval tneg = {-1, 0};
    SHOW("add negative timeout", evtimer_add(neg, &tneg));
    SHOW("dispatch negative timeout", event_base_dispatch(base));
    struct timeval tbig = {0, 2000000}; /* tv_usec out of range */
    SHOW("add tv_usec=2000000", evtimer_add(neg, &tbig));
    SHOW("pending", evtimer_pending(neg, NULL) != 0);
    evtimer_del(neg);
    event_free(neg);

    event_free(pe);
    evutil_closesocket(sv[0]);
    evutil_closesocket(sv[1]);
    event_base_free(base);
    printf("log messages total %d\n", nlogs);
    printf("done\n");
    return 0;
}
