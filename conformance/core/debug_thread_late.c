/* Conformance: under event debug mode, setting up threads after a base
 * exists is a fatal error (the log sees an Err, then the fatal callback). */
#include <stdio.h>
#include <stdlib.h>
#include <event2/event.h>
#include <event2/thread.h>

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("log severity %d\n", severity);
}

static struct event_base *base;

static void on_fatal(int err)
{
    printf("fatal callback, code %d\n", err);
    fflush(stdout);
    event_base_free(base);
    exit(3);
}

int main(void)
{
    event_set_log_callback(on_log);
    event_set_fatal_callback(on_fatal);
    event_enable_debug_mode();
    base = event_base_new();
    printf("base created: %s\n", base ? "yes" : "no");
    fflush(stdout);
    printf("evthread_use_pthreads -> %d\n", evthread_use_pthreads());
    return 0;
}
