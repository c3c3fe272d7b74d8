/* Conformance: evutil helpers from event2/util.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <event2/util.h>
#include <event2/event.h>

static void on_log(int severity, const char *msg)
{
    (void)msg;
    printf("  log severity %d\n", severity);
}

static int sign(int v)
{
    return v < 0 ? -1 : v > 0 ? 1 : 0;
}

static void show_sockaddr(const struct sockaddr *sa)
{
    char buf[128];
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
        printf("inet %s port %u", evutil_inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf)),
               (unsigned)ntohs(sin->sin_port));
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
        printf("inet6 %s port %u scope %u",
               evutil_inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf)),
               (unsigned)ntohs(sin6->sin6_port), (unsigned)sin6->sin6_scope_id);
    } else {
        printf("family %d", sa->sa_family);
    }
}

static void snprintf_tests(void)
{
    char buf[16];
    memset(buf, 'X', sizeof(buf));
    int r = evutil_snprintf(buf, sizeof(buf), "%d-%s-%c", 42, "abc", 'z');
    printf("snprintf fits -> %d \"%s\"\n", r, buf);
    memset(buf, 'X', sizeof(buf));
    r = evutil_snprintf(buf, 8, "%s", "0123456789abcdef");
    printf("snprintf truncated -> %d \"%s\" byte8=%c\n", r, buf, buf[8]);
    memset(buf, 'X', sizeof(buf));
    r = evutil_snprintf(buf, 1, "%s", "abc");
    printf("snprintf len1 -> %d first=%d byte1=%c\n", r, buf[0], buf[1]);
    r = evutil_snprintf(buf, sizeof(buf), "%5.2f|%-4d|%04x|%%", 3.14159, 7, 255u);
    printf("snprintf formats -> %d \"%s\"\n", r, buf);
    r = evutil_snprintf(buf, sizeof(buf), "%s", "");
    printf("snprintf empty -> %d \"%s\"\n", r, buf);
}

static void strtoll_tests(void)
{
    static const struct { const char *s; int base; } cases[] = {
        {"123", 10}, {"-123", 10}, {"+77", 10}, {"  42xyz", 10}, {"0x1f", 16}, {"0x1f", 0},
        {"017", 0}, {"017", 10}, {"z", 36}, {"9223372036854775807", 10},
        {"9223372036854775808", 10}, {"-9223372036854775808", 10}, {"-9223372036854775809", 10},
        {"abc", 10}, {"", 10}, {"12abc", 10}, {"1010", 2},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *end = NULL;
        errno = 0;
        ev_int64_t v = evutil_strtoll(cases[i].s, &end, cases[i].base);
        int e = errno;
        printf("strtoll(\"%s\", %d) -> %lld consumed %d%s\n", cases[i].s, cases[i].base, (long long)v,
               end ? (int)(end - cases[i].s) : -1, e == ERANGE ? " ERANGE" : "");
    }
}

static void strcase_tests(void)
{
    static const char *pairs[][2] = {
        {"abc", "ABC"}, {"abc", "abd"}, {"abd", "abc"}, {"Content-Length", "content-length"},
        {"", ""}, {"a", ""}, {"", "a"}, {"\xe9t\xe9", "\xc9T\xc9"}, {"a[", "A{"}, {"Z", "a"},
    };
    for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
        printf("ascii_strcasecmp #%u -> %d\n", i, sign(evutil_ascii_strcasecmp(pairs[i][0], pairs[i][1])));
    printf("ascii_strncasecmp(\"HELLOx\",\"helloy\",5) -> %d\n",
           sign(evutil_ascii_strncasecmp("HELLOx", "helloy", 5)));
    printf("ascii_strncasecmp(\"HELLOx\",\"helloy\",6) -> %d\n",
           sign(evutil_ascii_strncasecmp("HELLOx", "helloy", 6)));
    printf("ascii_strncasecmp(\"ab\",\"abc\",0) -> %d\n", sign(evutil_ascii_strncasecmp("ab", "abc", 0)));
}

static void inet_tests(void)
{
    static const char *v4[] = {"1.2.3.4", "0.0.0.0", "255.255.255.255", "1.2.3", "256.0.0.1",
                               "1.2.3.4.5", "01.2.3.4", "1.2.3.4 ", "", "a.b.c.d",
                               "1..2.3", "4294967295"};
    char out[64];
    for (unsigned i = 0; i < sizeof(v4) / sizeof(v4[0]); i++) {
        struct in_addr a;
        memset(&a, 0, sizeof(a));
        int r = evutil_inet_pton(AF_INET, v4[i], &a);
        printf("pton4(\"%s\") -> %d", v4[i], r);
        if (r == 1)
            printf(" ntop %s", evutil_inet_ntop(AF_INET, &a, out, sizeof(out)));
        printf("\n");
    }
    static const char *v6[] = {"::", "::1", "1:2:3:4:5:6:7:8", "1::2::3", "::ffff:1.2.3.4",
                               "1:2:3:4:5:6:7:8:9", "g::1", ":::", "1:2:3:4:5:6:1.2.3.4",
                               "fe80::1", "2001:db8::", "2001:DB8:0:0:0:0:0:1", "1:0:0:2:0:0:0:3",
                               "0:0:1:0:0:0:0:0", "::1.2.3.4", "1:2:3:4:5:6:7::", "", "12345::"};
    for (unsigned i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
        struct in6_addr a;
        memset(&a, 0, sizeof(a));
        int r = evutil_inet_pton(AF_INET6, v6[i], &a);
        printf("pton6(\"%s\") -> %d", v6[i], r);
        if (r == 1)
            printf(" ntop %s", evutil_inet_ntop(AF_INET6, &a, out, sizeof(out)));
        printf("\n");
    }
    struct in_addr a4;
    evutil_inet_pton(AF_INET, "123.123.123.123", &a4);
    printf("ntop4 small buffer -> %s\n", evutil_inet_ntop(AF_INET, &a4, out, 8) ? "ok" : "NULL");
    printf("ntop4 exact buffer -> %s\n", evutil_inet_ntop(AF_INET, &a4, out, 16) ? out : "NULL");
    printf("ntop4 one short -> %s\n", evutil_inet_ntop(AF_INET, &a4, out, 15) ? "ok" : "NULL");
    struct in6_addr a6;
    evutil_inet_pton(AF_INET6, "1111:2222:3333:4444:5555:6666:7777:8888", &a6);
    printf("ntop6 small buffer -> %s\n", evutil_inet_ntop(AF_INET6, &a6, out, 10) ? "ok" : "NULL");
    printf("pton bad family -> %d\n", evutil_inet_pton(12345, "1.2.3.4", out));
    printf("ntop bad family -> %s\n", evutil_inet_ntop(12345, &a4, out, sizeof(out)) ? "ok" : "NULL");
}

static void parse_tests(void)
{
    static const char *inputs[] = {
        "1.2.3.4", "1.2.3.4:80", "1.2.3.4:0", "1.2.3.4:65535", "1.2.3.4:65536", "1.2.3.4:-1",
        "1.2.3.4:", ":80", "", "[::1]:8080", "::1", "[::1]", "[::1", "[]", "[]:80",
        "[1.2.3.4]:80", "256.1.1.1", "1.2.3", "1.2.3.4 :80",
        "[fe80::1%1]:80", "[::ffff:10.0.0.1]:443", "0.0.0.0:1", "1.2.3.4:080", "::1:80",
        "1.2.3.4:99999999999999999999", "[::1]:", "localhost:80",
        "[1111:2222:3333:4444:5555:6666:7777:8888]:65535",
    };
    for (unsigned i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        struct sockaddr_storage ss;
        memset(&ss, 0, sizeof(ss));
        int len = (int)sizeof(ss);
        int r = evutil_parse_sockaddr_port(inputs[i], (struct sockaddr *)&ss, &len);
        printf("parse(\"%s\") -> %d", inputs[i], r);
        if (r == 0) {
            printf(" len %d ", len);
            show_sockaddr((struct sockaddr *)&ss);
        }
        printf("\n");
    }
    char longstr[300];
    memset(longstr, '1', sizeof(longstr) - 1);
    longstr[sizeof(longstr) - 1] = '\0';
    struct sockaddr_storage ss;
    int len = (int)sizeof(ss);
    printf("parse(299 digits) -> %d\n", evutil_parse_sockaddr_port(longstr, (struct sockaddr *)&ss, &len));
    memset(longstr, ':', sizeof(longstr) - 1);
    len = (int)sizeof(ss);
    printf("parse(299 colons) -> %d\n", evutil_parse_sockaddr_port(longstr, (struct sockaddr *)&ss, &len));
    longstr[0] = '[';
    len = (int)sizeof(ss);
    printf("parse([ + colons) -> %d\n", evutil_parse_sockaddr_port(longstr, (struct sockaddr *)&ss, &len));
    /* Output buffer too small. */
    len = (int)sizeof(struct sockaddr_in) - 1;
    printf("parse v4 into short buffer -> %d\n",
           evutil_parse_sockaddr_port("1.2.3.4:5", (struct sockaddr *)&ss, &len));
    len = (int)sizeof(struct sockaddr_in);
    printf("parse v6 into sockaddr_in-sized buffer -> %d\n",
           evutil_parse_sockaddr_port("[::1]:5", (struct sockaddr *)&ss, &len));
}

static void cmp_tests(void)
{
    static const char *addrs[] = {"1.2.3.4:80", "1.2.3.4:81", "1.2.3.5:80", "[::1]:80",
                                  "[::1]:79", "[::2]:80", "0.0.0.0:0"};
    enum { N = sizeof(addrs) / sizeof(addrs[0]) };
    struct sockaddr_storage ss[N];
    for (int i = 0; i < N; i++) {
        int len = (int)sizeof(ss[i]);
        memset(&ss[i], 0, sizeof(ss[i]));
        evutil_parse_sockaddr_port(addrs[i], (struct sockaddr *)&ss[i], &len);
    }
    for (int i = 0; i < N; i++) {
        printf("sockaddr_cmp %-12s:", addrs[i]);
        for (int j = 0; j < N; j++)
            printf(" %2d/%2d",
                   sign(evutil_sockaddr_cmp((struct sockaddr *)&ss[i], (struct sockaddr *)&ss[j], 1)),
                   sign(evutil_sockaddr_cmp((struct sockaddr *)&ss[i], (struct sockaddr *)&ss[j], 0)));
        printf("\n");
    }
}

static const char *eai_name(int e)
{
#define N(x) if (e == x) return #x;
    N(0)
    N(EVUTIL_EAI_ADDRFAMILY) N(EVUTIL_EAI_AGAIN) N(EVUTIL_EAI_BADFLAGS) N(EVUTIL_EAI_FAIL)
    N(EVUTIL_EAI_FAMILY) N(EVUTIL_EAI_MEMORY) N(EVUTIL_EAI_NODATA) N(EVUTIL_EAI_NONAME)
    N(EVUTIL_EAI_SERVICE) N(EVUTIL_EAI_SOCKTYPE) N(EVUTIL_EAI_SYSTEM) N(EVUTIL_EAI_CANCEL)
#undef N
    return "other";
}

static void gai_tests(void)
{
    static const int codes[] = {EVUTIL_EAI_ADDRFAMILY, EVUTIL_EAI_AGAIN, EVUTIL_EAI_BADFLAGS,
                                EVUTIL_EAI_FAIL, EVUTIL_EAI_FAMILY, EVUTIL_EAI_MEMORY,
                                EVUTIL_EAI_NODATA, EVUTIL_EAI_NONAME, EVUTIL_EAI_SERVICE,
                                EVUTIL_EAI_SOCKTYPE, EVUTIL_EAI_SYSTEM, EVUTIL_EAI_CANCEL, 0};
    for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        printf("gai_strerror(%s) = \"%s\"\n", eai_name(codes[i]), evutil_gai_strerror(codes[i]));

    static const struct { const char *node, *serv; int family, socktype, flags; } q[] = {
        {"127.0.0.1", "80", AF_UNSPEC, SOCK_STREAM, 0},
        {"127.0.0.1", "80", AF_INET, SOCK_DGRAM, 0},
        {"127.0.0.1", "80", AF_UNSPEC, 0, 0},
        {"::1", "8080", AF_UNSPEC, SOCK_STREAM, 0},
        {"::1", "8080", AF_INET, SOCK_STREAM, 0},
        {"10.0.0.1", NULL, AF_INET, SOCK_STREAM, 0},
        {NULL, "8080", AF_INET, SOCK_STREAM, EVUTIL_AI_PASSIVE},
        {NULL, "8080", AF_INET, SOCK_STREAM, 0},
        {NULL, "8080", AF_INET6, SOCK_STREAM, EVUTIL_AI_PASSIVE},
        {NULL, NULL, AF_UNSPEC, SOCK_STREAM, 0},
        {"127.0.0.1", "80", AF_INET, SOCK_STREAM, EVUTIL_AI_NUMERICHOST},
        {"not-a-number.invalid", "80", AF_INET, SOCK_STREAM, EVUTIL_AI_NUMERICHOST},
        {"127.0.0.1", "nonexistent-service-name", AF_INET, SOCK_STREAM, EVUTIL_AI_NUMERICSERV},
        {"127.0.0.1", "99999", AF_INET, SOCK_STREAM, 0},
        {"1.2.3.4", "0", AF_INET, SOCK_STREAM, 0},
    };
    for (unsigned i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        struct evutil_addrinfo hints, *res = NULL;
        memset(&hints, 0, sizeof(hints));
        hints.ai_family = q[i].family;
        hints.ai_socktype = q[i].socktype;
        hints.ai_flags = q[i].flags;
        int r = evutil_getaddrinfo(q[i].node, q[i].serv, &hints, &res);
        printf("getaddrinfo(%s, %s, fam=%d, type=%d, flags=0x%x) -> %s (%d)\n",
               q[i].node ? q[i].node : "NULL", q[i].serv ? q[i].serv : "NULL", q[i].family,
               q[i].socktype, (unsigned)q[i].flags, eai_name(r), r);
        for (struct evutil_addrinfo *ai = res; ai; ai = ai->ai_next) {
            printf("  ai family=%d socktype=%d protocol=%d addrlen=%d ", ai->ai_family, ai->ai_socktype,
                   ai->ai_protocol, (int)ai->ai_addrlen);
            show_sockaddr(ai->ai_addr);
            printf("\n");
        }
        if (res)
            evutil_freeaddrinfo(res);
    }
}

static void socket_tests(void)
{
    evutil_socket_t sv[2] = {-1, -1};
    int r = evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    printf("socketpair(AF_UNIX) -> %d distinct=%s\n", r, sv[0] != sv[1] ? "yes" : "no");
    send(sv[0], "ping", 4, 0);
    char buf[8] = {0};
    printf("recv through pair -> %d \"%s\"\n", (int)recv(sv[1], buf, sizeof(buf) - 1, 0), buf);
    printf("blocking before: %s\n", (fcntl(sv[0], F_GETFL) & O_NONBLOCK) ? "no" : "yes");
    printf("make_nonblocking -> %d\n", evutil_make_socket_nonblocking(sv[0]));
    printf("nonblocking after: %s\n", (fcntl(sv[0], F_GETFL) & O_NONBLOCK) ? "yes" : "no");
    printf("make_closeonexec -> %d\n", evutil_make_socket_closeonexec(sv[0]));
    printf("cloexec after: %s\n", (fcntl(sv[0], F_GETFD) & FD_CLOEXEC) ? "yes" : "no");
    errno = 0;
    int got = (int)recv(sv[0], buf, 1, 0);
    int err = errno;
    printf("recv on empty nonblocking -> %d would_block=%s\n", got,
           (err == EAGAIN || err == EWOULDBLOCK) ? "yes" : "no");
    printf("closesocket -> %d\n", evutil_closesocket(sv[0]));
    printf("closesocket -> %d\n", evutil_closesocket(sv[1]));
    printf("closesocket(closed) -> %d\n", evutil_closesocket(sv[1]));
    evutil_socket_t dg[2];
    printf("socketpair(AF_UNIX, DGRAM) -> %d\n", evutil_socketpair(AF_UNIX, SOCK_DGRAM, 0, dg));
    evutil_closesocket(dg[0]);
    evutil_closesocket(dg[1]);
    evutil_socket_t in[2];
    r = evutil_socketpair(AF_INET, SOCK_STREAM, 0, in);
    printf("socketpair(AF_INET) -> %d\n", r);
    if (r == 0) {
        evutil_closesocket(in[0]);
        evutil_closesocket(in[1]);
    }
    evutil_socket_t l = socket(AF_INET, SOCK_STREAM, 0);
    printf("make_listen_socket_reuseable -> %d\n", evutil_make_listen_socket_reuseable(l));
    printf("make_listen_socket_reuseable_port -> %d\n", evutil_make_listen_socket_reuseable_port(l));
    printf("make_tcp_listen_socket_deferred -> %d\n", evutil_make_tcp_listen_socket_deferred(l));
    evutil_closesocket(l);
}

static void time_tests(void)
{
    struct evutil_monotonic_timer *t = evutil_monotonic_timer_new();
    printf("monotonic_timer_new -> %s\n", t ? "ok" : "NULL");
    printf("configure(0) -> %d\n", evutil_configure_monotonic_time(t, 0));
    struct timeval a, b;
    int ra = evutil_gettime_monotonic(t, &a);
    int rb = evutil_gettime_monotonic(t, &b);
    printf("gettime_monotonic -> %d %d non-decreasing=%s usec_in_range=%s\n", ra, rb,
           (b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_usec >= a.tv_usec)) ? "yes" : "no",
           (a.tv_usec >= 0 && a.tv_usec < 1000000) ? "yes" : "no");
    printf("configure(PRECISE) -> %d\n", evutil_configure_monotonic_time(t, EV_MONOT_PRECISE));
    printf("configure(FALLBACK) -> %d\n", evutil_configure_monotonic_time(t, EV_MONOT_FALLBACK));
    ra = evutil_gettime_monotonic(t, &a);
    printf("gettime after fallback -> %d\n", ra);
    evutil_monotonic_timer_free(t);
    struct timeval now;
    printf("gettimeofday -> %d\n", evutil_gettimeofday(&now, NULL));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    event_set_log_callback(on_log);
    snprintf_tests();
    strtoll_tests();
    strcase_tests();
    inet_tests();
    parse_tests();
    cmp_tests();
    gai_tests();
    socket_tests();
    time_tests();
    printf("done\n");
    return 0;
}
