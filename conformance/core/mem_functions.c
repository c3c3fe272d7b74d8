/* Conformance: event_set_mem_functions. Every allocation libevent makes for
 * a base, its events and its backends goes through the replacement
 * functions, and freeing them returns everything. Only relative facts are
 * printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <event2/event.h>

static long n_malloc, n_realloc, n_free, live;

/* Each block carries a header so frees of foreign pointers are noticed. */
#define MAGIC 0x5eedf00dUL
struct hdr {
    unsigned long magic;
    size_t size;
};
static long n_foreign;

static void *my_malloc(size_t n)
{
    struct hdr *h = malloc(sizeof(*h) + n);
    if (!h)
        return NULL;
    h->magic = MAGIC;
    h->size = n;
    n_malloc++;
    live++;
    return h + 1;
}

static void *my_realloc(void *p, size_t n)
{
    n_realloc++;
    if (!p)
        return my_malloc(n);
    struct hdr *h = (struct hdr *)p - 1;
    if (h->magic != MAGIC) {
        n_foreign++;
        return NULL;
    }
    struct hdr *nh = realloc(h, sizeof(*nh) + n);
    if (!nh)
        return NULL;
    nh->size = n;
    return nh + 1;
}

static void my_free(void *p)
{
    if (!p)
        return;
    struct hdr *h = (struct hdr *)p - 1;
    if (h->magic != MAGIC) {
        n_foreign++;
        return;
    }
    h->magic = 0;
    n_free++;
    live--;
    free(h);
}

static void cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_mem_functions(my_malloc, my_realloc, my_free);

    long before = live;
    struct event_base *base = event_base_new();
    printf("base allocated through hooks: %s\n", live > before ? "yes" : "no");
    long with_base = live;
    int sv[2];
    evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct event *evs[64];
    for (int i = 0; i < 64; i++) {
        evs[i] = event_new(base, i % 2 ? sv[0] : -1, i % 2 ? EV_READ | EV_PERSIST : 0, cb, NULL);
        struct timeval tv = {100 + i, 0};
        event_add(evs[i], &tv);
    }
    printf("events allocated through hooks: %s\n", live >= with_base + 64 ? "yes" : "no");
    event_base_loop(base, EVLOOP_NONBLOCK);
    for (int i = 0; i < 64; i++)
        event_free(evs[i]);
    struct timeval zero = {0, 0};
    event_base_once(base, -1, EV_TIMEOUT, cb, NULL, &zero);
    event_base_dispatch(base);
    event_base_once(base, -1, EV_TIMEOUT, cb, NULL, &zero); /* never run: freed with the base */
    event_base_free(base);
    printf("everything returned after base free: %s\n", live == before ? "yes" : "no");

    /* Several backends allocate and release through the hooks as well. */
    static const char *methods[] = {"epoll", "poll", "select"};
    for (int m = 0; m < 3; m++) {
        long b0 = live;
        struct event_config *cfg = event_config_new();
        for (int k = 0; k < 3; k++)
            if (k != m)
                event_config_avoid_method(cfg, methods[k]);
        struct event_base *b = event_base_new_with_config(cfg);
        event_config_free(cfg);
        struct event *e = event_new(b, sv[1], EV_WRITE, cb, NULL);
        event_add(e, NULL);
        event_base_dispatch(b);
        event_free(e);
        event_base_free(b);
        printf("%s: balanced %s\n", methods[m], live == b0 ? "yes" : "no");
    }
    evutil_closesocket(sv[0]);
    evutil_closesocket(sv[1]);
    printf("malloc used: %s\n", n_malloc > 0 ? "yes" : "no");
    printf("frees <= mallocs: %s\n", n_free <= n_malloc ? "yes" : "no");
    printf("foreign pointers freed: %s\n", n_foreign ? "yes" : "no");
    printf("done\n");
    return 0;
}
