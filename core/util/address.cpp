#include "core/util/address.hpp"

#include <cstdint>
#include <cstring>

#include <arpa/inet.h>
#include <net/if.h>

#include "core/util/strings.hpp"
#include "core/util/text.hpp"

namespace evcxx::util {
namespace {

// Value of a hex digit, or 16 when c is none.
constexpr unsigned hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return static_cast<unsigned>(c - '0');
	const char lower = ascii_to_lower(c);
	if (lower >= 'a' && lower <= 'f')
		return static_cast<unsigned>(lower - 'a' + 10);
	return 16;
}

// Reads 1*DIGIT at pos into value, failing as soon as the value passes max
// (at most UINT32_MAX, so the 64-bit accumulator cannot wrap); pos is left
// after the digits read.
bool read_decimal(std::string_view text, size_t &pos, uint64_t max, uint64_t &value)
{
	const size_t start = pos;
	value = 0;
	for (; pos < text.size() && ascii_is_digit(text[pos]); ++pos) {
		value = value * 10 + static_cast<uint64_t>(text[pos] - '0');
		if (value > max)
			return false;
	}
	return pos > start;
}

} // namespace

bool parse_ipv4(std::string_view text, in_addr &out)
{
	size_t pos = 0;
	uint32_t address = 0;
	for (int part = 0; part < 4; ++part) {
		if (part > 0) {
			if (pos >= text.size() || text[pos] != '.')
				return false;
			++pos;
		}
		uint64_t octet;
		if (!read_decimal(text, pos, 255, octet))
			return false;
		address = (address << 8) | static_cast<uint32_t>(octet);
	}
	if (pos != text.size())
		return false;
	out.s_addr = htonl(address);
	return true;
}

bool parse_ipv6(std::string_view text, in6_addr &out)
{
	uint16_t groups[8];
	size_t count = 0;
	size_t gap = SIZE_MAX; // index in groups where "::" stands, if any
	size_t pos = 0;
	const size_t n = text.size();
	if (text.starts_with("::")) {
		gap = 0;
		pos = 2;
	}
	while (pos < n) {
		// At the start of a group. Digits followed by '.' begin the
		// dotted quad that may replace the last two groups.
		size_t digits_end = pos;
		while (digits_end < n && ascii_is_digit(text[digits_end]))
			++digits_end;
		if (digits_end < n && text[digits_end] == '.') {
			in_addr v4;
			if (count > 6 || !parse_ipv4(util::slice(text, pos), v4))
				return false;
			uint8_t bytes[4];
			std::memcpy(bytes, &v4, sizeof bytes);
			groups[count++] = static_cast<uint16_t>(bytes[0] << 8 | bytes[1]);
			groups[count++] = static_cast<uint16_t>(bytes[2] << 8 | bytes[3]);
			pos = n;
			break;
		}
		const size_t start = pos;
		unsigned value = 0;
		for (unsigned d; pos < n && (d = hex_value(text[pos])) < 16; ++pos) {
			if (pos - start == 4)
				return false;
			value = value << 4 | d;
		}
		if (pos == start || count == 8)
			return false;
		groups[count++] = static_cast<uint16_t>(value);
		if (pos == n)
			break;
		if (text[pos] != ':')
			return false;
		++pos;
		if (pos < n && text[pos] == ':') {
			if (gap != SIZE_MAX)
				return false;
			gap = count;
			++pos;
		} else if (pos == n) {
			return false; // a lone trailing ':'
		}
	}
	// "::" stands for at least one zero group.
	if (gap == SIZE_MAX ? count != 8 : count > 7)
		return false;

	uint16_t words[8] = {};
	if (gap == SIZE_MAX) {
		std::memcpy(words, groups, sizeof words);
	} else {
		const size_t after = count - gap;
		std::memcpy(words, groups, gap * sizeof groups[0]);
		std::memcpy(words + 8 - after, groups + gap, after * sizeof groups[0]);
	}
	for (size_t i = 0; i < 8; ++i) {
		out.s6_addr[2 * i] = static_cast<uint8_t>(words[i] >> 8);
		out.s6_addr[2 * i + 1] = static_cast<uint8_t>(words[i]);
	}
	return true;
}

int inet_pton(int af, std::string_view text, void *dst)
{
	if (af == AF_INET) {
		in_addr a;
		if (!parse_ipv4(text, a))
			return 0;
		std::memcpy(dst, &a, sizeof a);
		return 1;
	}
	if (af == AF_INET6) {
		in6_addr a;
		if (!parse_ipv6(text, a))
			return 0;
		std::memcpy(dst, &a, sizeof a);
		return 1;
	}
	return -1;
}

namespace {

// zone = interface-name / 1*DIGIT (an index up to UINT_MAX). Names win,
// as with upstream, which asks if_nametoindex() first.
bool parse_zone(std::string_view zone, unsigned &index)
{
	if (zone.empty() || zone.find('\0') != std::string_view::npos)
		return false;
	if (zone.size() < IF_NAMESIZE) {
		char name[IF_NAMESIZE];
		std::memcpy(name, zone.data(), zone.size());
		name[zone.size()] = '\0';
		index = if_nametoindex(name);
		if (index != 0)
			return true;
	}
	size_t pos = 0;
	uint64_t value;
	if (!read_decimal(zone, pos, UINT32_MAX, value) || pos != zone.size())
		return false;
	index = static_cast<unsigned>(value);
	return true;
}

} // namespace

int inet_pton_scope(int af, std::string_view text, void *dst, unsigned *scope)
{
	*scope = 0;
	const size_t percent = text.find('%');
	if (af != AF_INET6 || percent == std::string_view::npos)
		return inet_pton(af, text, dst);
	unsigned index;
	if (!parse_zone(util::slice(text, percent + 1), index))
		return 0;
	*scope = index;
	return inet_pton(af, util::slice(text, 0, percent), dst);
}

namespace {

// Bounded text builder for inet_ntop; 48 bytes hold any IPv6 text form.
struct TextBuffer {
	char data[48];
	size_t used = 0;

	void put(char c) { data[used++] = c; }
	void put_hex(unsigned value)
	{
		bool started = false;
		for (int shift = 12; shift >= 0; shift -= 4) {
			const unsigned d = (value >> shift) & 0xf;
			if (d != 0 || started || shift == 0) {
				put("0123456789abcdef"[d]);
				started = true;
			}
		}
	}
	void put_decimal(unsigned value)
	{
		if (value >= 100)
			put(static_cast<char>('0' + value / 100));
		if (value >= 10)
			put(static_cast<char>('0' + value / 10 % 10));
		put(static_cast<char>('0' + value % 10));
	}
	void put_dotted(const uint8_t *bytes)
	{
		for (int i = 0; i < 4; ++i) {
			if (i > 0)
				put('.');
			put_decimal(bytes[i]);
		}
	}
};

void format_ipv6(const in6_addr &addr, TextBuffer &out)
{
	const uint8_t *bytes = addr.s6_addr;
	uint16_t words[8];
	for (int i = 0; i < 8; ++i)
		words[i] = static_cast<uint16_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);

	// Upstream prints "::a.b.c.d" for IPv4-compatible addresses whose last
	// two groups are both non-zero, and "::ffff:a.b.c.d" for IPv4-mapped.
	const bool zero_prefix = !words[0] && !words[1] && !words[2] && !words[3] && !words[4];
	if (zero_prefix && ((words[5] == 0 && words[6] && words[7]) || words[5] == 0xffff)) {
		out.put(':');
		out.put(':');
		if (words[5] == 0xffff) {
			out.put_hex(0xffff);
			out.put(':');
		}
		out.put_dotted(bytes + 12);
		return;
	}

	// The first longest run of two or more zero groups becomes "::".
	int best_start = -1, best_len = 1;
	for (int i = 0; i < 8;) {
		if (words[i] != 0) {
			++i;
			continue;
		}
		const int start = i;
		while (i < 8 && words[i] == 0)
			++i;
		if (i - start > best_len) {
			best_start = start;
			best_len = i - start;
		}
	}
	for (int i = 0; i < 8; ++i) {
		if (i == best_start) {
			if (i == 0)
				out.put(':');
			out.put(':');
			i += best_len - 1;
			continue;
		}
		out.put_hex(words[i]);
		if (i != 7)
			out.put(':');
	}
}

} // namespace

const char *inet_ntop(int af, const void *src, char *dst, size_t len)
{
	if (af == AF_INET) {
		uint8_t b[4];
		std::memcpy(b, src, sizeof b);
		// Formatted in place, so a short buffer keeps the truncated
		// text, as upstream leaves it.
		const int r = format(dst, len, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
		return (r < 0 || static_cast<size_t>(r) >= len) ? nullptr : dst;
	}
	if (af == AF_INET6) {
		in6_addr addr;
		std::memcpy(&addr, src, sizeof addr);
		TextBuffer text;
		format_ipv6(addr, text);
		if (text.used >= len)
			return nullptr;
		std::memcpy(dst, text.data, text.used);
		dst[text.used] = '\0';
		return dst;
	}
	return nullptr;
}

namespace {

// Upstream copies the address part of "[addr]..." and "addr:port" into a
// 128-byte buffer and rejects anything longer; kept so the same strings
// are refused.
constexpr size_t kMaxAddressPart = 127;

// port = 1*DIGIT with a value of 1 to 65535.
bool parse_port(std::string_view text, uint16_t &port)
{
	size_t pos = 0;
	uint64_t value;
	if (!read_decimal(text, pos, 65535, value) || pos != text.size() || value == 0)
		return false;
	port = static_cast<uint16_t>(value);
	return true;
}

// Copies the finished sockaddr into the caller's buffer of *outlen bytes.
int store_sockaddr(const void *sa, int size, sockaddr *out, int *outlen)
{
	if (size > *outlen)
		return -1;
	std::memset(out, 0, static_cast<size_t>(*outlen));
	std::memcpy(out, sa, static_cast<size_t>(size));
	*outlen = size;
	return 0;
}

} // namespace

int parse_sockaddr_port(std::string_view text, sockaddr *out, int *outlen)
{
	std::string_view address;
	uint16_t port = 0;
	bool ipv6;
	if (text.starts_with('[')) {
		const size_t close = text.find(']');
		if (close == std::string_view::npos || close - 1 > kMaxAddressPart)
			return -1;
		address = util::slice(text, 1, close - 1);
		const std::string_view rest = util::slice(text, close + 1);
		if (!rest.empty() && (rest[0] != ':' || !parse_port(util::slice(rest, 1), port)))
			return -1;
		ipv6 = true;
	} else {
		const size_t colon = text.find(':');
		ipv6 = colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos;
		if (ipv6 || colon == std::string_view::npos) {
			address = text;
		} else {
			if (colon > kMaxAddressPart || !parse_port(util::slice(text, colon + 1), port))
				return -1;
			address = util::slice(text, 0, colon);
		}
	}

	if (ipv6) {
		sockaddr_in6 sin6;
		std::memset(&sin6, 0, sizeof sin6);
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons(port);
		unsigned scope;
		if (inet_pton_scope(AF_INET6, address, &sin6.sin6_addr, &scope) != 1)
			return -1;
		sin6.sin6_scope_id = scope;
		return store_sockaddr(&sin6, sizeof sin6, out, outlen);
	}
	sockaddr_in sin;
	std::memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	if (!parse_ipv4(address, sin.sin_addr))
		return -1;
	return store_sockaddr(&sin, sizeof sin, out, outlen);
}

int sockaddr_cmp(const sockaddr *a, const sockaddr *b, bool include_port)
{
	if (const int r = a->sa_family - b->sa_family)
		return r;
	if (a->sa_family == AF_INET) {
		sockaddr_in x, y;
		std::memcpy(&x, a, sizeof x);
		std::memcpy(&y, b, sizeof y);
		// Upstream orders the raw network-order words, not the
		// addresses; kept so sorted containers agree with it.
		if (x.sin_addr.s_addr != y.sin_addr.s_addr)
			return x.sin_addr.s_addr < y.sin_addr.s_addr ? -1 : 1;
		return include_port ? int(x.sin_port) - int(y.sin_port) : 0;
	}
	if (a->sa_family == AF_INET6) {
		sockaddr_in6 x, y;
		std::memcpy(&x, a, sizeof x);
		std::memcpy(&y, b, sizeof y);
		for (size_t i = 0; i < 16; ++i) {
			if (const int r = int(x.sin6_addr.s6_addr[i]) - int(y.sin6_addr.s6_addr[i]))
				return r;
		}
		return include_port ? int(x.sin6_port) - int(y.sin6_port) : 0;
	}
	return 1;
}

} // namespace evcxx::util
