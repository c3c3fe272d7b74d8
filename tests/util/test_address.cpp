// evutil_inet_pton(_scope), evutil_inet_ntop, evutil_parse_sockaddr_port and
// evutil_sockaddr_cmp. Unless marked as a divergence, every expectation is
// what libevent 2.1.12 (Debian's build) returns for the same input.
#include <catch2/catch.hpp>

#include <event2/util.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "core/util/mm.hpp"

namespace {

std::string ntop4(const void *addr)
{
	char buf[INET_ADDRSTRLEN + 8];
	const char *r = evutil_inet_ntop(AF_INET, addr, buf, sizeof buf);
	return r ? r : "NULL";
}

std::string ntop6(const void *addr)
{
	char buf[64];
	const char *r = evutil_inet_ntop(AF_INET6, addr, buf, sizeof buf);
	return r ? r : "NULL";
}

in6_addr libc_v6(const char *text)
{
	in6_addr a;
	REQUIRE(inet_pton(AF_INET6, text, &a) == 1);
	return a;
}

struct PtonCase {
	const char *text;
	int v4;            // evutil_inet_pton(AF_INET) result
	const char *v4_out; // its ntop text
	int v6;
	const char *v6_out;
};

const PtonCase kPtonCases[] = {
	{"1.2.3.4", 1, "1.2.3.4", 0, ""},
	{"255.255.255.255", 1, "255.255.255.255", 0, ""},
	{"256.0.0.0", 0, "", 0, ""},
	{"ABC", 0, "", 0, ""},
	{"1.2.3.4.5", 0, "", 0, ""},
	{"176.192.208.244", 1, "176.192.208.244", 0, ""},
	{"01.02.03.004", 1, "1.2.3.4", 0, ""},
	{"1.2.3", 0, "", 0, ""},
	{"1.2.3.4 ", 0, "", 0, ""},
	{"1..2.3", 0, "", 0, ""},
	{"", 0, "", 0, ""},
	{"0.0.0.0", 1, "0.0.0.0", 0, ""},
	{"::", 0, "", 1, "::"},
	{"::1", 0, "", 1, "::1"},
	{"::1.2.3.4", 0, "", 1, "::1.2.3.4"},
	{"::ffff:1.2.3.4", 0, "", 1, "::ffff:1.2.3.4"},
	{"1:2:3:4:5:6:7:8", 0, "", 1, "1:2:3:4:5:6:7:8"},
	{"ffff:1::", 0, "", 1, "ffff:1::"},
	{"ffff::1234", 0, "", 1, "ffff::1234"},
	{"1::2:3:4:5:6:7", 0, "", 1, "1:0:2:3:4:5:6:7"},
	{"1:2:3:4:5:6:7::", 0, "", 1, "1:2:3:4:5:6:7:0"},
	{"::1:2:3:4:5:6:7", 0, "", 1, "0:1:2:3:4:5:6:7"},
	{"1:2:3:4:5:6:1.2.3.4", 0, "", 1, "1:2:3:4:5:6:102:304"},
	{"ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", 0, "", 1, "abcd:ef01:2345:6789:abcd:ef01:2345:6789"},
	{"ffff:1:2:3:4:5:6:7:8", 0, "", 0, ""},
	{"fff:::", 0, "", 0, ""},
	{"1::2::3", 0, "", 0, ""},
	{":::1", 0, "", 0, ""},
	{":1::", 0, "", 0, ""},
	{"::1.2.3.4.5", 0, "", 0, ""},
	{"::1.2.3", 0, "", 0, ""},
	{"::256.0.0.0", 0, "", 0, ""},
	{"123", 0, "", 0, ""},
	{"abcde::", 0, "", 0, ""},
	{"1:2:3:4:5:6:7:8:9", 0, "", 0, ""},
	{"1::2:3:4:5:6:7:8", 0, "", 0, ""},
	{"1:", 0, "", 0, ""},
	{"1:2:3:4:5:6:7:1.2.3.4", 0, "", 0, ""},
	{"::ffff1.2.3.4", 0, "", 0, ""},
	{"1.2.3.4::", 0, "", 0, ""},
	{"[::1]", 0, "", 0, ""},
	// Divergences: upstream accepts these (see docs/divergences.md).
	{" 1.2.3.4", 0, "", 0, ""},         // white space before a component
	{"1.+2.3.4", 0, "", 0, ""},         // a sign on a component
	{"4294967297.0.0.1", 0, "", 0, ""}, // wraps to 1.0.0.1 upstream
	{"::1:", 0, "", 0, ""},             // lone trailing ':'
	{"1:2:3:4:5:6:7:8:", 0, "", 0, ""},
	{"0x1::", 0, "", 0, ""},            // "0x" group prefix
};

} // namespace

TEST_CASE("evutil_inet_pton parses IPv4 and IPv6 text", "[util]")
{
	for (const PtonCase &c : kPtonCases) {
		INFO("text '" << c.text << "'");
		unsigned char out[16];
		REQUIRE(evutil_inet_pton(AF_INET, c.text, out) == c.v4);
		if (c.v4 == 1)
			CHECK(ntop4(out) == c.v4_out);
		REQUIRE(evutil_inet_pton(AF_INET6, c.text, out) == c.v6);
		if (c.v6 == 1)
			CHECK(ntop6(out) == c.v6_out);
	}
}

TEST_CASE("evutil_inet_pton refuses unknown families and leaves dst alone on failure", "[util]")
{
	unsigned char out[16];
	std::memset(out, 0xaa, sizeof out);
	CHECK(evutil_inet_pton(99, "1.2.3.4", out) == -1);
	CHECK(evutil_inet_pton(AF_INET, "1.2.3.x", out) == 0);
	CHECK(evutil_inet_pton(AF_INET6, "1::x", out) == 0);
	for (unsigned char b : out)
		CHECK(b == 0xaa);
	CHECK(evutil_inet_pton(AF_INET, nullptr, out) == 0);
}

TEST_CASE("evutil_inet_ntop formats like upstream", "[util]")
{
	struct Case {
		const char *in;
		const char *out;
	};
	const Case cases[] = {
		{"::1.0.0.0", "::100:0"},         // IPv4-compatible needs both low groups non-zero
		{"::0.0.1.2", "::102"},
		{"::1.2.0.0", "::102:0"},
		{"::1.2.3.4", "::1.2.3.4"},
		{"::ffff:0.0.0.0", "::ffff:0.0.0.0"},
		{"::ffff:1.2.3.4", "::ffff:1.2.3.4"},
		{"1:0:0:1:0:0:0:1", "1:0:0:1::1"}, // the longest zero run
		{"1:0:0:1:0:0:1:1", "1::1:0:0:1:1"}, // the first of equal runs
		{"0:0:1::", "0:0:1::"},
		{"::ffff:0:0:0", "::ffff:0:0:0"},
		{"0:0:0:0:0:fffe:1.2.3.4", "::fffe:102:304"},
		{"::1:ffff:1.2.3.4", "::1:ffff:102:304"},
		{"1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"}, // a single zero group stays
		{"::", "::"},
		{"1::", "1::"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
	};
	for (const Case &c : cases) {
		INFO(c.in);
		const in6_addr a = libc_v6(c.in);
		CHECK(ntop6(&a) == c.out);
	}
	const in_addr v4 = {htonl(0x0a141e28)};
	CHECK(ntop4(&v4) == "10.20.30.40");
	char buf[64];
	CHECK(evutil_inet_ntop(99, &v4, buf, sizeof buf) == nullptr);
}

TEST_CASE("evutil_inet_ntop refuses buffers too small for text and NUL", "[util]")
{
	const in6_addr loop = libc_v6("::1");
	char buf[8];
	CHECK(evutil_inet_ntop(AF_INET6, &loop, buf, 4) == buf);
	CHECK(std::string(buf) == "::1");
	// Divergence: upstream returns a truncated "::" here (off by one).
	std::memset(buf, 'Z', sizeof buf);
	CHECK(evutil_inet_ntop(AF_INET6, &loop, buf, 3) == nullptr);
	CHECK(buf[0] == 'Z');
	CHECK(evutil_inet_ntop(AF_INET6, &loop, buf, 0) == nullptr);

	// IPv4 text is formatted in place: a short buffer keeps the truncated
	// text, as upstream leaves it.
	const in_addr v4 = {htonl(0x0a141e28)};
	std::memset(buf, 'Z', sizeof buf);
	CHECK(evutil_inet_ntop(AF_INET, &v4, buf, 5) == nullptr);
	CHECK(std::string(buf) == "10.2");
	CHECK(evutil_inet_ntop(AF_INET, &v4, buf, 0) == nullptr);
}

TEST_CASE("evutil_inet_pton and evutil_inet_ntop round-trip", "[util]")
{
	uint64_t state = 0x243f6a8885a308d3u;
	auto next = [&state] {
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		return state;
	};
	for (int i = 0; i < 5000; ++i) {
		unsigned char addr[16];
		for (unsigned char &b : addr) {
			const auto k = next() % 3;
			b = k == 0 ? static_cast<unsigned char>(next()) : (k == 1 ? 0xff : 0);
		}
		char text[64];
		REQUIRE(evutil_inet_ntop(AF_INET6, addr, text, sizeof text) == text);
		unsigned char back[16];
		INFO(text);
		REQUIRE(evutil_inet_pton(AF_INET6, text, back) == 1);
		REQUIRE(std::memcmp(addr, back, 16) == 0);
		in6_addr libc;
		REQUIRE(inet_pton(AF_INET6, text, &libc) == 1);
		REQUIRE(std::memcmp(addr, &libc, 16) == 0);
	}
}

TEST_CASE("evutil_inet_pton_scope reads interface names and numeric zones", "[util]")
{
	unsigned char out[16];
	unsigned index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET6, "fe80::1%lo", out, &index) == 1);
	CHECK(index == if_nametoindex("lo"));
	CHECK(ntop6(out) == "fe80::1");

	index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET6, "fe80::1%4294967295", out, &index) == 1);
	CHECK(index == 4294967295u);
	index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET6, "fe80::1%007", out, &index) == 1);
	CHECK(index == 7);
	index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET6, "::1", out, &index) == 1);
	CHECK(index == 0);

	// No such interface and not a number.
	index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET6, "fe80::1%nosuchif0", out, &index) == 0);
	CHECK(index == 0);
	// The zone is stored even when the address part then fails, as upstream.
	index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET6, "fe80:::1%7", out, &index) == 0);
	CHECK(index == 7);
	index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET6, "fe80::1%1%2", out, &index) == 0);

	// Other families ignore '%' handling and reset the index.
	index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET, "1.2.3.4", out, &index) == 1);
	CHECK(index == 0);
	index = 5;
	CHECK(evutil_inet_pton_scope(AF_INET, "1.2.3.4%1", out, &index) == 0);
	CHECK(evutil_inet_pton_scope(99, "1.2.3.4", out, &index) == -1);
	CHECK(index == 0);
}

TEST_CASE("evutil_inet_pton_scope rejects malformed zones (divergences)", "[util]")
{
	unsigned char out[16];
	unsigned index;
	// Upstream reads these through strtoul(): empty, signed, spaced or
	// wrapping zone numbers all "succeed" there.
	for (const char *text : {"fe80::1%", "fe80::1%-1", "fe80::1%+1", "fe80::1% 1",
	                         "fe80::1%4294967296", "fe80::1%18446744073709551617"}) {
		INFO(text);
		CHECK(evutil_inet_pton_scope(AF_INET6, text, out, &index) == 0);
	}
}

namespace {

struct ParseCase {
	const char *text;
	int result;
	int len;
	const char *address;
	int port;
	unsigned scope;
};

const ParseCase kParseCases[] = {
	{"1.2.3.4", 0, 16, "1.2.3.4", 0, 0},
	{"1.2.3.4:80", 0, 16, "1.2.3.4", 80, 0},
	{"[::1]", 0, 28, "::1", 0, 0},
	{"[::1]:80", 0, 28, "::1", 80, 0},
	{"::1", 0, 28, "::1", 0, 0},
	{"1.2.3.4:65535", 0, 16, "1.2.3.4", 65535, 0},
	{"1.2.3.4:080", 0, 16, "1.2.3.4", 80, 0},
	{"::1:80", 0, 28, "::0.1.0.128", 0, 0}, // two colons: all address
	{"[ffff::1]:1000", 0, 28, "ffff::1", 1000, 0},
	{"[::ffff:1.2.3.4]:443", 0, 28, "::ffff:1.2.3.4", 443, 0},
	{"[fe80::1%99]:1", 0, 28, "fe80::1", 1, 99},
	{"1.2.3.4:65536", -1, 0, "", 0, 0},
	{"1.2.3.4:0", -1, 0, "", 0, 0},
	{"1.2.3.4:", -1, 0, "", 0, 0},
	{"[::1]:", -1, 0, "", 0, 0},
	{"[::1", -1, 0, "", 0, 0},
	{"[", -1, 0, "", 0, 0},
	{"]:80", -1, 0, "", 0, 0},
	{":80", -1, 0, "", 0, 0},
	{":99999999999", -1, 0, "", 0, 0},
	{"1.2.3:80", -1, 0, "", 0, 0},
	{"1.2.3.4:-1", -1, 0, "", 0, 0},
	{"[1.2.3.4]", -1, 0, "", 0, 0},
	{"[1.2.3.4]:80", -1, 0, "", 0, 0},
	{"1.2.3.4:80:90", -1, 0, "", 0, 0},
	{"", -1, 0, "", 0, 0},
	{"[]", -1, 0, "", 0, 0},
	{"[]:80", -1, 0, "", 0, 0},
	// Divergences: upstream's atoi() and its unchecked tail accept these.
	{"1.2.3.4:4294967376", -1, 0, "", 0, 0}, // port 80 upstream
	{"[::1]junk", -1, 0, "", 0, 0},
	{"1.2.3.4:80abc", -1, 0, "", 0, 0},
	{"1.2.3.4: 80", -1, 0, "", 0, 0},
	{"1.2.3.4:+80", -1, 0, "", 0, 0},
	{"[::1]]:80", -1, 0, "", 0, 0},
};

} // namespace

TEST_CASE("evutil_parse_sockaddr_port accepts upstream's forms", "[util]")
{
	for (const ParseCase &c : kParseCases) {
		INFO("text '" << c.text << "'");
		sockaddr_storage ss;
		std::memset(&ss, 0x55, sizeof ss);
		int len = sizeof ss;
		REQUIRE(evutil_parse_sockaddr_port(c.text, reinterpret_cast<sockaddr *>(&ss), &len) == c.result);
		if (c.result != 0) {
			CHECK(len == int(sizeof ss));
			continue;
		}
		CHECK(len == c.len);
		if (ss.ss_family == AF_INET) {
			const auto *sin = reinterpret_cast<const sockaddr_in *>(&ss);
			CHECK(ntop4(&sin->sin_addr) == c.address);
			CHECK(ntohs(sin->sin_port) == c.port);
		} else {
			REQUIRE(ss.ss_family == AF_INET6);
			const auto *sin6 = reinterpret_cast<const sockaddr_in6 *>(&ss);
			CHECK(ntop6(&sin6->sin6_addr) == c.address);
			CHECK(ntohs(sin6->sin6_port) == c.port);
			CHECK(sin6->sin6_scope_id == c.scope);
		}
		// The whole *outlen buffer is cleared past the sockaddr.
		const auto *bytes = reinterpret_cast<const unsigned char *>(&ss);
		for (size_t i = size_t(c.len); i < sizeof ss; ++i)
			REQUIRE(bytes[i] == 0);
	}
}

TEST_CASE("evutil_parse_sockaddr_port reads interface zones", "[util]")
{
	sockaddr_in6 sin6;
	int len = sizeof sin6;
	REQUIRE(evutil_parse_sockaddr_port("[fe80::1%lo]:8080", reinterpret_cast<sockaddr *>(&sin6), &len) == 0);
	CHECK(sin6.sin6_scope_id == if_nametoindex("lo"));
	CHECK(ntohs(sin6.sin6_port) == 8080);
	len = sizeof sin6;
	REQUIRE(evutil_parse_sockaddr_port("fe80::1%lo", reinterpret_cast<sockaddr *>(&sin6), &len) == 0);
	CHECK(sin6.sin6_scope_id == if_nametoindex("lo"));
}

TEST_CASE("evutil_parse_sockaddr_port honours the caller's buffer size", "[util]")
{
	sockaddr_storage ss;
	int len = sizeof(sockaddr_in) - 1;
	std::memset(&ss, 0x55, sizeof ss);
	CHECK(evutil_parse_sockaddr_port("1.2.3.4:80", reinterpret_cast<sockaddr *>(&ss), &len) == -1);
	CHECK(len == int(sizeof(sockaddr_in) - 1));
	CHECK(reinterpret_cast<unsigned char *>(&ss)[0] == 0x55);

	len = sizeof(sockaddr_in);
	CHECK(evutil_parse_sockaddr_port("[::1]:80", reinterpret_cast<sockaddr *>(&ss), &len) == -1);
	len = sizeof(sockaddr_in);
	CHECK(evutil_parse_sockaddr_port("1.2.3.4:80", reinterpret_cast<sockaddr *>(&ss), &len) == 0);
	CHECK(len == int(sizeof(sockaddr_in)));
	len = -1;
	CHECK(evutil_parse_sockaddr_port("1.2.3.4", reinterpret_cast<sockaddr *>(&ss), &len) == -1);
	CHECK(evutil_parse_sockaddr_port("1.2.3.4", reinterpret_cast<sockaddr *>(&ss), nullptr) == -1);
	CHECK(evutil_parse_sockaddr_port("1.2.3.4", nullptr, &len) == -1);
}

TEST_CASE("evutil_sockaddr_cmp orders as upstream does", "[util]")
{
	sockaddr_in a{}, b{};
	a.sin_family = b.sin_family = AF_INET;
	inet_pton(AF_INET, "1.0.0.2", &a.sin_addr);
	inet_pton(AF_INET, "2.0.0.1", &b.sin_addr);
	a.sin_port = htons(80);
	b.sin_port = htons(81);
	const auto *sa = reinterpret_cast<const sockaddr *>(&a);
	const auto *sb = reinterpret_cast<const sockaddr *>(&b);
	// Raw network-order words compared as integers (little-endian host).
	CHECK(evutil_sockaddr_cmp(sa, sb, 1) == 1);
	CHECK(evutil_sockaddr_cmp(sb, sa, 1) == -1);
	b.sin_addr = a.sin_addr;
	CHECK(evutil_sockaddr_cmp(sa, sb, 1) == -256); // difference of raw ports
	CHECK(evutil_sockaddr_cmp(sa, sb, 0) == 0);
	CHECK(evutil_sockaddr_cmp(sa, sa, 1) == 0);

	sockaddr_in6 p{}, q{};
	p.sin6_family = q.sin6_family = AF_INET6;
	p.sin6_addr = libc_v6("::1");
	q.sin6_addr = libc_v6("::9");
	const auto *sp = reinterpret_cast<const sockaddr *>(&p);
	const auto *sq = reinterpret_cast<const sockaddr *>(&q);
	CHECK(evutil_sockaddr_cmp(sp, sq, 0) == -8);
	CHECK(evutil_sockaddr_cmp(sq, sp, 0) == 8);
	CHECK(evutil_sockaddr_cmp(sa, sp, 0) == AF_INET - AF_INET6);
	q.sin6_addr = p.sin6_addr;
	q.sin6_port = htons(1);
	CHECK(evutil_sockaddr_cmp(sp, sq, 0) == 0);
	CHECK(evutil_sockaddr_cmp(sp, sq, 1) == -256);

	// Other families never compare equal.
	sockaddr_storage u1{}, u2{};
	u1.ss_family = u2.ss_family = AF_UNIX;
	CHECK(evutil_sockaddr_cmp(reinterpret_cast<sockaddr *>(&u1), reinterpret_cast<sockaddr *>(&u2), 0) == 1);
}

namespace {
int zone_allocations = 0;
void *offset_malloc(size_t n)
{
	++zone_allocations;
	auto *p = static_cast<char *>(std::malloc(n + 16));
	return p ? p + 16 : nullptr;
}
void *offset_realloc(void *p, size_t n)
{
	auto *q = static_cast<char *>(std::realloc(p ? static_cast<char *>(p) - 16 : nullptr, n + 16));
	return q ? q + 16 : nullptr;
}
void offset_free(void *p)
{
	if (p)
		std::free(static_cast<char *>(p) - 16);
}
} // namespace

TEST_CASE("evutil_inet_pton_scope allocates nothing (divergence)", "[util]")
{
	// Upstream copies the text with mm_strdup and releases it with libc
	// free(), which aborts under allocators like this one.
	evcxx::mm::set_functions(offset_malloc, offset_realloc, offset_free);
	zone_allocations = 0;
	unsigned char out[16];
	unsigned index = 0;
	CHECK(evutil_inet_pton_scope(AF_INET6, "fe80::1%lo", out, &index) == 1);
	CHECK(evutil_inet_pton_scope(AF_INET6, "fe80::1%7", out, &index) == 1);
	evcxx::mm::set_functions(nullptr, nullptr, nullptr);
	CHECK(zone_allocations == 0);
	CHECK(index == 7);
}
