/* Conformance: event base creation, backend selection and features. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <event2/event.h>

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static void describe(const char *label, struct event_base *base)
{
    if (base == NULL) {
        printf("%s: no base\n", label);
        return;
    }
    printf("%s: method=%s features=0x%x\n", label, event_base_get_method(base),
           (unsigned)event_base_get_features(base));
    event_base_free(base);
}

static struct event_base *with_env(const char *a, const char *b)
{
    if (a)
        setenv(a, "1", 1);
    if (b)
        setenv(b, "1", 1);
    struct event_base *base = event_base_new();
    if (a)
        unsetenv(a);
    if (b)
        unsetenv(b);
    return base;
}

static struct event_base *with_cfg(const char *avoid1, const char *avoid2, int features, int flags)
{
    struct event_config *cfg = event_config_new();
    if (cfg == NULL) {
        printf("config_new failed\n");
        return NULL;
    }
    if (avoid1)
        printf("  avoid %s -> %d\n", avoid1, event_config_avoid_method(cfg, avoid1));
    if (avoid2)
        printf("  avoid %s -> %d\n", avoid2, event_config_avoid_method(cfg, avoid2));
    if (features)
        printf("  require 0x%x -> %d\n", (unsigned)features,
               event_config_require_features(cfg, features));
    if (flags)
        printf("  flag 0x%x -> %d\n", (unsigned)flags, event_config_set_flag(cfg, flags));
    struct event_base *base = event_base_new_with_config(cfg);
    event_config_free(cfg);
    return base;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);

    printf("version %s\n", event_get_version());
    printf("version_number 0x%08x\n", (unsigned)event_get_version_number());
    printf("header version matches runtime: %s\n",
           event_get_version_number() == LIBEVENT_VERSION_NUMBER ? "yes" : "no");
    printf("header version string %s\n", LIBEVENT_VERSION);

    const char **methods = event_get_supported_methods();
    int n = 0;
    for (; methods && methods[n]; n++)
        printf("supported[%d] %s\n", n, methods[n]);
    printf("supported count %d\n", n);
    /* A second call returns the same list (the first array may be released). */
    methods = event_get_supported_methods();
    for (n = 0; methods && methods[n]; n++)
        printf("again[%d] %s\n", n, methods[n]);

    describe("default", event_base_new());
    describe("env NOEPOLL", with_env("EVENT_NOEPOLL", NULL));
    describe("env NOEPOLL+NOPOLL", with_env("EVENT_NOEPOLL", "EVENT_NOPOLL"));
    describe("env NOSELECT", with_env("EVENT_NOSELECT", NULL));
    describe("env NOPOLL", with_env("EVENT_NOPOLL", NULL));
    describe("env EPOLL_USE_CHANGELIST", with_env("EVENT_EPOLL_USE_CHANGELIST", NULL));

    printf("show method:\n");
    describe("env SHOW_METHOD", with_env("EVENT_SHOW_METHOD", NULL));

    describe("cfg empty", with_cfg(NULL, NULL, 0, 0));
    describe("cfg avoid epoll", with_cfg("epoll", NULL, 0, 0));
    describe("cfg avoid epoll+poll", with_cfg("epoll", "poll", 0, 0));
    describe("cfg avoid select", with_cfg("select", NULL, 0, 0));
    describe("cfg avoid nonexistent", with_cfg("kqueue", NULL, 0, 0));
    describe("cfg require ET", with_cfg(NULL, NULL, EV_FEATURE_ET, 0));
    describe("cfg require O1", with_cfg(NULL, NULL, EV_FEATURE_O1, 0));
    describe("cfg require FDS", with_cfg(NULL, NULL, EV_FEATURE_FDS, 0));
    describe("cfg require EARLY_CLOSE", with_cfg(NULL, NULL, EV_FEATURE_EARLY_CLOSE, 0));
    describe("cfg require ET+FDS", with_cfg(NULL, NULL, EV_FEATURE_ET | EV_FEATURE_FDS, 0));
    describe("cfg avoid epoll require ET", with_cfg("epoll", NULL, EV_FEATURE_ET, 0));
    describe("cfg flag NOLOCK", with_cfg(NULL, NULL, 0, EVENT_BASE_FLAG_NOLOCK));
    describe("cfg flag NO_CACHE_TIME", with_cfg(NULL, NULL, 0, EVENT_BASE_FLAG_NO_CACHE_TIME));
    describe("cfg flag PRECISE_TIMER", with_cfg(NULL, NULL, 0, EVENT_BASE_FLAG_PRECISE_TIMER));
    describe("cfg flag EPOLL_USE_CHANGELIST", with_cfg(NULL, NULL, 0, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST));
    describe("cfg avoid epoll flag CHANGELIST",
             with_cfg("epoll", NULL, 0, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST));

    /* IGNORE_ENV: the environment no longer steers the choice. */
    setenv("EVENT_NOEPOLL", "1", 1);
    describe("env NOEPOLL, cfg none", with_cfg(NULL, NULL, 0, 0));
    describe("env NOEPOLL, cfg IGNORE_ENV", with_cfg(NULL, NULL, 0, EVENT_BASE_FLAG_IGNORE_ENV));
    setenv("EVENT_NOPOLL", "1", 1);
    describe("env NOEPOLL+NOPOLL, cfg IGNORE_ENV|NOLOCK",
             with_cfg(NULL, NULL, 0, EVENT_BASE_FLAG_IGNORE_ENV | EVENT_BASE_FLAG_NOLOCK));
    describe("env NOEPOLL+NOPOLL, cfg avoid select", with_cfg("select", NULL, 0, 0));
    unsetenv("EVENT_NOEPOLL");
    unsetenv("EVENT_NOPOLL");

    struct event_config *cfg = event_config_new();
    printf("num_cpus_hint -> %d\n", event_config_set_num_cpus_hint(cfg, 4));
    struct timeval tv = {0, 5000};
    printf("max_dispatch_interval -> %d\n", event_config_set_max_dispatch_interval(cfg, &tv, 5, 1));
    printf("max_dispatch_interval NULL -> %d\n", event_config_set_max_dispatch_interval(cfg, NULL, -1, 0));
    struct event_base *b = event_base_new_with_config(cfg);
    printf("base with hints %s\n", b ? "created" : "failed");
    if (b)
        event_base_free(b);
    event_config_free(cfg);

    /* Several bases coexist independently. */
    struct event_base *b1 = event_base_new(), *b2 = event_base_new();
    printf("two bases distinct %s\n", (b1 && b2 && b1 != b2) ? "yes" : "no");
    printf("dispatch empty b1 -> %d\n", event_base_dispatch(b1));
    printf("loop nonblock empty b2 -> %d\n", event_base_loop(b2, EVLOOP_NONBLOCK));
    event_base_free(b1);
    event_base_free(b2);
    printf("done\n");
    return 0;
}
