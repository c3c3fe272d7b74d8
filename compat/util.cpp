// event2/util.h: the exported evutil functions, each converting its C
// arguments and calling the engine in core/util/.
#include <event2/util.h>

#include <string_view>

#include "core/util/address.hpp"
#include "core/util/addrinfo.hpp"
#include "core/util/date.hpp"
#include "core/util/monotonic.hpp"
#include "core/util/rng.hpp"
#include "core/util/socket.hpp"
#include "core/util/strings.hpp"

namespace util = evcxx::util;

static_assert(EVUTIL_EAI_CANCEL == util::kEaiCancel);
static_assert(EV_MONOT_PRECISE == util::kMonotonicPrecise);
static_assert(EV_MONOT_FALLBACK == util::kMonotonicFallback);

namespace {

// A null C string reads as empty text, which no parser accepts.
std::string_view text_of(const char *s) { return s ? std::string_view(s) : std::string_view(); }

util::MonotonicTimer *engine(evutil_monotonic_timer *timer)
{
	return reinterpret_cast<util::MonotonicTimer *>(timer);
}

} // namespace

extern "C" {

int evutil_date_rfc1123(char *date, const size_t datelen, const struct tm *tm)
{
	return util::format_rfc1123_date(date, datelen, tm);
}

struct evutil_monotonic_timer *evutil_monotonic_timer_new(void)
{
	return reinterpret_cast<evutil_monotonic_timer *>(util::new_monotonic_timer());
}

void evutil_monotonic_timer_free(struct evutil_monotonic_timer *timer)
{
	util::free_monotonic_timer(engine(timer));
}

int evutil_configure_monotonic_time(struct evutil_monotonic_timer *timer, int flags)
{
	return timer ? util::configure_monotonic_timer(*engine(timer), flags) : -1;
}

int evutil_gettime_monotonic(struct evutil_monotonic_timer *timer, struct timeval *tp)
{
	return (timer && tp) ? util::read_monotonic_timer(*engine(timer), *tp) : -1;
}

int evutil_socketpair(int d, int type, int protocol, evutil_socket_t sv[2])
{
	return util::socketpair(d, type, protocol, sv);
}

int evutil_make_socket_nonblocking(evutil_socket_t sock) { return util::make_nonblocking(sock); }
int evutil_make_listen_socket_reuseable(evutil_socket_t sock) { return util::set_reuse_address(sock); }
int evutil_make_listen_socket_reuseable_port(evutil_socket_t sock) { return util::set_reuse_port(sock); }
int evutil_make_listen_socket_ipv6only(evutil_socket_t sock) { return util::set_ipv6_only(sock); }
int evutil_make_socket_closeonexec(evutil_socket_t sock) { return util::make_cloexec(sock); }
int evutil_make_tcp_listen_socket_deferred(evutil_socket_t sock) { return util::set_defer_accept(sock); }
int evutil_closesocket(evutil_socket_t sock) { return util::close_socket(sock); }

ev_int64_t evutil_strtoll(const char *s, char **endptr, int base)
{
	return util::parse_int64(s, endptr, base);
}

int evutil_snprintf(char *buf, size_t buflen, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	const int r = util::vformat(buf, buflen, format, ap);
	va_end(ap);
	return r;
}

int evutil_vsnprintf(char *buf, size_t buflen, const char *format, va_list ap)
{
	return util::vformat(buf, buflen, format, ap);
}

const char *evutil_inet_ntop(int af, const void *src, char *dst, size_t len)
{
	return util::inet_ntop(af, src, dst, len);
}

int evutil_inet_pton(int af, const char *src, void *dst)
{
	return util::inet_pton(af, text_of(src), dst);
}

int evutil_inet_pton_scope(int af, const char *src, void *dst, unsigned *indexp)
{
	return util::inet_pton_scope(af, text_of(src), dst, indexp);
}

int evutil_parse_sockaddr_port(const char *str, struct sockaddr *out, int *outlen)
{
	if (!out || !outlen)
		return -1;
	return util::parse_sockaddr_port(text_of(str), out, outlen);
}

int evutil_sockaddr_cmp(const struct sockaddr *sa1, const struct sockaddr *sa2, int include_port)
{
	return util::sockaddr_cmp(sa1, sa2, include_port != 0);
}

int evutil_ascii_strcasecmp(const char *str1, const char *str2)
{
	return util::ascii_casecmp(str1, str2);
}

int evutil_ascii_strncasecmp(const char *str1, const char *str2, size_t n)
{
	return util::ascii_ncasecmp(str1, str2, n);
}

int evutil_getaddrinfo(const char *nodename, const char *servname,
                       const struct evutil_addrinfo *hints_in, struct evutil_addrinfo **res)
{
	return util::getaddrinfo(nodename, servname, hints_in, res);
}

void evutil_freeaddrinfo(struct evutil_addrinfo *ai) { util::freeaddrinfo(ai); }

const char *evutil_gai_strerror(int err) { return util::gai_strerror(err); }

void evutil_secure_rng_get_bytes(void *buf, size_t n) { util::random_bytes(buf, n); }

int evutil_secure_rng_init(void) { return util::seed_random(); }

int evutil_secure_rng_set_urandom_device_file(char *fname) { return util::set_random_device(fname); }

void evutil_secure_rng_add_bytes(const char *dat, size_t datlen) { util::add_random_entropy(dat, datlen); }

} // extern "C"
