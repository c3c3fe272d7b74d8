/* Conformance: I/O events on socketpairs for every backend: EV_READ,
 * EV_WRITE, EV_PERSIST, EV_ET, EV_CLOSED, timeouts, event_del and
 * event_base_active_by_fd. Data is always written before the loop runs, so
 * readiness never depends on timing. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <event2/event.h>

static struct event_base *base;
static char order[512];
static int consume; /* bytes each read callback consumes */

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void note(const char *name, short what, int extra)
{
    char buf[96];
    if (extra >= 0)
        snprintf(buf, sizeof(buf), "%s(0x%x,%d) ", name, (unsigned)what, extra);
    else
        snprintf(buf, sizeof(buf), "%s(0x%x) ", name, (unsigned)what);
    strncat(order, buf, sizeof(order) - strlen(order) - 1);
}

static void flush_order(const char *label, int rv)
{
    printf("  %s -> %d: %s\n", label, rv, order);
    order[0] = '\0';
}

static void cb_plain(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    note((const char *)arg, what, -1);
}

/* Reads up to `consume` bytes when readable and records how many it got. */
static void cb_read(evutil_socket_t fd, short what, void *arg)
{
    int got = -1;
    if (what & EV_READ) {
        char buf[64];
        got = (int)recv(fd, buf, consume > 0 ? (size_t)consume : sizeof(buf), 0);
    }
    note((const char *)arg, what, got);
}

static void loops(const char *label, int n)
{
    char l[96];
    for (int i = 0; i < n; i++) {
        snprintf(l, sizeof(l), "%s nonblock #%d", label, i + 1);
        flush_order(l, event_base_loop(base, EVLOOP_NONBLOCK));
    }
}

static void pending(const char *label, struct event *e)
{
    printf("  %s pending=0x%x\n", label,
           (unsigned)event_pending(e, EV_READ | EV_WRITE | EV_TIMEOUT | EV_CLOSED, NULL));
}

static void scenario(const char *method)
{
    struct event_config *cfg = event_config_new();
    const char **all = event_get_supported_methods();
    for (int i = 0; all[i]; i++)
        if (strcmp(all[i], method) != 0)
            event_config_avoid_method(cfg, all[i]);
    base = event_base_new_with_config(cfg);
    event_config_free(cfg);
    if (!base) {
        printf("backend %s unavailable\n", method);
        return;
    }
    printf("backend %s features 0x%x\n", event_base_get_method(base), (unsigned)event_base_get_features(base));

    int sv[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    evutil_make_socket_nonblocking(sv[0]);
    evutil_make_socket_nonblocking(sv[1]);

    /* Writable immediately; non-persistent events run once. */
    struct event *w = event_new(base, sv[0], EV_WRITE, cb_plain, "w");
    event_add(w, NULL);
    loops("write", 2);
    pending("w", w);

    /* Non-persistent read. */
    struct event *r = event_new(base, sv[0], EV_READ, cb_read, "r");
    consume = 0;
    event_add(r, NULL);
    loops("read no data", 1);
    send(sv[1], "abc", 3, 0);
    loops("read data", 2);
    pending("r", r);

    /* Read and write in one event. */
    struct event *rw = event_new(base, sv[0], EV_READ | EV_WRITE, cb_read, "rw");
    consume = 64;
    send(sv[1], "xy", 2, 0);
    event_add(rw, NULL);
    loops("read+write", 1);
    event_free(rw);

    /* Level-triggered persistent read consuming one byte per call. */
    struct event *pr = event_new(base, sv[0], EV_READ | EV_PERSIST, cb_read, "pr");
    consume = 1;
    send(sv[1], "abc", 3, 0);
    event_add(pr, NULL);
    loops("persist level", 4);
    pending("pr", pr);
    printf("  del pr -> %d\n", event_del(pr));
    send(sv[1], "z", 1, 0);
    loops("after del", 1);
    consume = 64;
    event_add(pr, NULL);
    loops("re-added", 2);
    event_del(pr);

    /* Edge-triggered persistent read consuming one byte per call. */
    struct event *et = event_new(base, sv[0], EV_READ | EV_PERSIST | EV_ET, cb_read, "et");
    consume = 1;
    send(sv[1], "abc", 3, 0);
    event_add(et, NULL);
    loops("edge", 3);
    send(sv[1], "d", 1, 0);
    loops("edge new data", 2);
    event_del(et);
    consume = 64;
    event_add(pr, NULL);
    loops("drain", 1);
    event_del(pr);

    /* Two read events on one fd both fire. */
    struct event *r1 = event_new(base, sv[0], EV_READ, cb_plain, "r1");
    struct event *r2 = event_new(base, sv[0], EV_READ, cb_plain, "r2");
    event_add(r1, NULL);
    event_add(r2, NULL);
    send(sv[1], "q", 1, 0);
    loops("two readers", 1);
    consume = 64;
    event_add(pr, NULL);
    loops("drain", 1);
    event_del(pr);

    /* Timeouts on I/O events. */
    struct event *rt = event_new(base, sv[0], EV_READ, cb_read, "rt");
    struct timeval t5 = {0, 5000};
    event_add(rt, &t5);
    flush_order("read timeout (dispatch)", event_base_dispatch(base));
    send(sv[1], "k", 1, 0);
    struct timeval ten = {10, 0};
    event_add(rt, &ten);
    flush_order("read before timeout (dispatch)", event_base_dispatch(base));
    pending("rt", rt);

    /* event_base_active_by_fd. */
    event_add(r1, NULL);
    event_add(w, NULL);
    event_add(pr, NULL);
    event_base_active_by_fd(base, sv[0], EV_READ);
    flush_order("active_by_fd READ", event_base_loop(base, EVLOOP_NONBLOCK));
    pending("r1", r1);
    pending("w", w);
    event_del(w);
    event_add(r1, NULL);
    struct event *w2 = event_new(base, sv[0], EV_WRITE | EV_PERSIST, cb_plain, "w2");
    event_add(w2, NULL);
    event_base_active_by_fd(base, sv[0], EV_WRITE);
    flush_order("active_by_fd WRITE", event_base_loop(base, EVLOOP_ONCE));
    event_del(w2);
    event_base_active_by_fd(base, sv[0], EV_READ | EV_WRITE);
    flush_order("active_by_fd READ|WRITE", event_base_loop(base, EVLOOP_NONBLOCK));
    event_del(r1);
    event_del(pr);
    event_base_active_by_fd(base, sv[1], EV_READ);
    flush_order("active_by_fd other fd", event_base_loop(base, EVLOOP_NONBLOCK));

    /* Peer close: EV_CLOSED alone and with EV_READ. */
    struct event *cl = event_new(base, sv[0], EV_CLOSED, cb_plain, "cl");
    struct event *rcl = event_new(base, sv[0], EV_READ | EV_CLOSED, cb_plain, "rcl");
    int r_cl = event_add(cl, NULL);
    int r_rcl = event_add(rcl, NULL);
    printf("  add closed -> %d, read|closed -> %d\n", r_cl, r_rcl);
    loops("before close", 1);
    close(sv[1]);
    struct timeval guard = {5, 0};
    event_base_loopexit(base, &guard);
    flush_order("after close (loop once)", event_base_loop(base, EVLOOP_ONCE));
    event_free(cl);
    event_free(rcl);

    event_free(w);
    event_free(w2);
    event_free(r);
    event_free(pr);
    event_free(et);
    event_free(r1);
    event_free(r2);
    event_free(rt);
    close(sv[0]);
    event_base_free(base);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    scenario("epoll");
    scenario("poll");
    scenario("select");
    printf("done\n");
    return 0;
}
