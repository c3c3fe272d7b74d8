/* Conformance: event_reinit in a forked child (its timers, I/O and signals
 * keep working), and event_base_free versus event_base_free_nofinalize with
 * a finalizer still pending. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <event2/event.h>

static short fired[3]; /* what each of timer, signal, read saw */

static void say(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    fired[*(const char *)arg - '0'] = what;
}

static void finalized(struct event *ev, void *arg)
{
    (void)ev;
    printf("  finalizer ran for %s\n", (const char *)arg);
}

static void forked_child(const char *method)
{
    struct event_config *cfg = event_config_new();
    const char **all = event_get_supported_methods();
    for (int i = 0; all[i]; i++)
        if (strcmp(all[i], method) != 0)
            event_config_avoid_method(cfg, all[i]);
    struct event_base *base = event_base_new_with_config(cfg);
    event_config_free(cfg);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    evutil_make_socket_nonblocking(sv[0]);
    struct event *rd = event_new(base, sv[0], EV_READ, say, "2");
    struct event *sig = evsignal_new(base, SIGUSR1, say, "1");
    event_add(rd, NULL);
    event_add(sig, NULL);
    printf("%s: parent base ready\n", event_base_get_method(base));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct timeval t = {0, 1000}, limit = {0, 300000};
        struct event *tm = evtimer_new(base, say, "0");
        printf("  child reinit -> %d\n", event_reinit(base));
        evtimer_add(tm, &t);
        raise(SIGUSR1);
        send(sv[1], "x", 1, 0);
        event_base_loopexit(base, &limit);
        printf("  child dispatch -> %d\n", event_base_dispatch(base));
        printf("  child saw: timer 0x%x, signal 0x%x, read 0x%x\n", (unsigned)fired[0],
               (unsigned)fired[1], (unsigned)fired[2]);
        fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    printf("  child exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    event_free(rd);
    event_free(sig);
    close(sv[0]);
    close(sv[1]);
    event_base_free(base);
}

static void free_with_pending_finalizer(int run_finalizers)
{
    const char *how = run_finalizers ? "event_base_free" : "event_base_free_nofinalize";
    struct event_base *base = event_base_new();
    struct event *ev = evtimer_new(base, say, (void *)how);
    event_finalize(0, ev, finalized);
    printf("%s:\n", run_finalizers ? "event_base_free" : "event_base_free_nofinalize");
    if (run_finalizers)
        event_base_free(base);
    else
        event_base_free_nofinalize(base);
    printf("  base freed\n");
    free(ev); /* event_new's memory, from the default allocator */
}

int main(void)
{
    forked_child("epoll");
    forked_child("poll");
    forked_child("select");
    free_with_pending_finalizer(1);
    free_with_pending_finalizer(0);
    return 0;
}
