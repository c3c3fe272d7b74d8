// Regression tests: hostile text fed to the parsers must be refused without
// reading outside the input or writing outside the outputs (run under ASan
// and valgrind). CVE-2016-10196 was a stack overflow in upstream's
// evutil_parse_sockaddr_port driven by a long bracketed address.
#include <catch2/catch.hpp>

#include <event2/util.h>

#include <netinet/in.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <string_view>

#include "core/util/address.hpp"

namespace {

// Runs every string parser over text and checks the outputs stay in bounds.
void feed_everything(const std::string &text, bool expect_refusal = true)
{
	INFO("input of " << text.size() << " bytes starting '" << text.substr(0, 40) << "'");
	unsigned char out[16];
	unsigned index = 0;
	if (expect_refusal) {
		CHECK(evutil_inet_pton(AF_INET, text.c_str(), out) == 0);
		CHECK(evutil_inet_pton(AF_INET6, text.c_str(), out) == 0);
		CHECK(evutil_inet_pton_scope(AF_INET6, text.c_str(), out, &index) == 0);
	} else {
		(void)evutil_inet_pton(AF_INET, text.c_str(), out);
		(void)evutil_inet_pton(AF_INET6, text.c_str(), out);
		(void)evutil_inet_pton_scope(AF_INET6, text.c_str(), out, &index);
	}

	struct {
		sockaddr_storage ss;
		unsigned char guard[32];
	} target;
	std::memset(target.guard, 0xee, sizeof target.guard);
	int len = sizeof target.ss;
	const int r = evutil_parse_sockaddr_port(text.c_str(), reinterpret_cast<sockaddr *>(&target.ss), &len);
	if (expect_refusal)
		CHECK(r == -1);
	for (unsigned char b : target.guard)
		REQUIRE(b == 0xee);

	char *end = nullptr;
	errno = 0;
	(void)evutil_strtoll(text.c_str(), &end, 0);
	REQUIRE(end >= text.c_str());
	REQUIRE(end <= text.c_str() + text.size());
	(void)evutil_ascii_strcasecmp(text.c_str(), text.c_str());
	(void)evutil_ascii_strncasecmp(text.c_str(), "x", SIZE_MAX);
}

} // namespace

TEST_CASE("100 KB inputs are refused safely", "[util]")
{
	const size_t big = 100 * 1024;
	feed_everything(std::string(big, 'A'));
	feed_everything(std::string(big, ':'));
	feed_everything(std::string(big, '.'));
	feed_everything(std::string(big, '1'));
	feed_everything(std::string(big, '%'));
	feed_everything("[" + std::string(big, 'f') + "]:80");
	feed_everything("[" + std::string(big, ':') + "]:80");
	feed_everything("[::1" + std::string(big, '1') + "]");
	feed_everything("1.2.3.4:" + std::string(big, '9'));
	feed_everything("[::1]:" + std::string(big, '0') + "80", false);
	feed_everything(std::string(big, '0') + "1.2.3.4:80");
	feed_everything("fe80::1%" + std::string(big, '1'));
	feed_everything("fe80::1%" + std::string(big, 'e'));
	feed_everything("::ffff:" + std::string(big, '1') + ".2.3.4");
	std::string groups;
	for (int i = 0; i < 20000; ++i)
		groups += "ffff:";
	feed_everything(groups + "1");
	feed_everything("::" + groups + "1.2.3.4");
}

TEST_CASE("a long port of leading zeros still names its port", "[util]")
{
	// Digits are read with a saturating check, so any number of leading
	// zeros is fine while the value stays in range.
	sockaddr_in6 sin6;
	int len = sizeof sin6;
	const std::string text = "[::1]:" + std::string(100 * 1024, '0') + "80";
	REQUIRE(evutil_parse_sockaddr_port(text.c_str(), reinterpret_cast<sockaddr *>(&sin6), &len) == 0);
	CHECK(ntohs(sin6.sin6_port) == 80);
}

TEST_CASE("bracket, colon and port corner cases are refused", "[util]")
{
	for (const char *text :
	     {"[::1", "[", "]", "]:80", "[]", "[]:", "[[::1]]", "[::1]:", "[::1]:80:", "[::1]::80",
	      "1.2.3.4:65536", "1.2.3.4:99999", ":99999999999", "1.2.3.4:18446744073709551696",
	      "1.2.3.4:4294967376", "", ":", "::::::::", ":::::::::::::::::::::::::::::::::::::::",
	      "1:2:3:4:5:6:7:8:9:10", "1.2.3.4 ", "1.2.3.4:80 ", "1.2.3.4:80\n", "[::1] ", "[::1]:80x",
	      "1.2.3.4:0x50", "1.2.3.4:-80", "%", "%lo", "::%", "[%lo]", "1.2.3.4.", ".1.2.3.4",
	      "1.2.3.4\t", "\xff\xfe", "1.2.3.256", "::1.2.3.4:80"}) {
		feed_everything(text);
	}
}

TEST_CASE("embedded NULs end nothing early in the engine's length-delimited parsers", "[util]")
{
	using namespace std::literals;
	in_addr v4;
	in6_addr v6;
	CHECK_FALSE(evcxx::util::parse_ipv4("1.2.3.4\0"sv, v4));
	CHECK_FALSE(evcxx::util::parse_ipv4("1.2\0.3.4"sv, v4));
	CHECK_FALSE(evcxx::util::parse_ipv6("::1\0"sv, v6));
	CHECK_FALSE(evcxx::util::parse_ipv6("::\0:1"sv, v6));
	CHECK(evcxx::util::parse_ipv4("1.2.3.4"sv, v4));
	unsigned scope = 9;
	CHECK(evcxx::util::inet_pton_scope(AF_INET6, "fe80::1%lo\0"sv, &v6, &scope) == 0);
	CHECK(evcxx::util::inet_pton_scope(AF_INET6, "fe80::1%1\0"sv, &v6, &scope) == 0);
	CHECK(evcxx::util::inet_pton_scope(AF_INET6, "fe80::1\0%1"sv, &v6, &scope) == 0);

	sockaddr_storage ss;
	int len = sizeof ss;
	auto *sa = reinterpret_cast<sockaddr *>(&ss);
	CHECK(evcxx::util::parse_sockaddr_port("1.2.3.4:80\0"sv, sa, &len) == -1);
	CHECK(evcxx::util::parse_sockaddr_port("1.2.3.4\0:80"sv, sa, &len) == -1);
	CHECK(evcxx::util::parse_sockaddr_port("[::1\0]:80"sv, sa, &len) == -1);
	CHECK(evcxx::util::parse_sockaddr_port("[::1]\0:80"sv, sa, &len) == -1);
	CHECK(evcxx::util::parse_sockaddr_port(""sv, sa, &len) == -1);
	CHECK(evcxx::util::parse_sockaddr_port("\0"sv, sa, &len) == -1);
	CHECK(evcxx::util::parse_sockaddr_port("1.2.3.4:80"sv, sa, &len) == 0);
}

TEST_CASE("prefixes of valid addresses never read past their end", "[util]")
{
	// Every prefix is handed over as its own exact-size heap buffer, so
	// ASan flags any read beyond the parsed length.
	for (const char *full : {"[fe80::1%lo]:8080", "1.2.3.4:65535", "::ffff:10.0.0.1",
	                         "1:2:3:4:5:6:7:8", "[::ffff:1.2.3.4]:443"}) {
		const std::string_view text(full);
		for (size_t n = 0; n <= text.size(); ++n) {
			char *copy = new char[n ? n : 1];
			std::memcpy(copy, text.data(), n);
			const std::string_view prefix(copy, n);
			in6_addr v6;
			in_addr v4;
			unsigned scope;
			(void)evcxx::util::parse_ipv4(prefix, v4);
			(void)evcxx::util::parse_ipv6(prefix, v6);
			(void)evcxx::util::inet_pton_scope(AF_INET6, prefix, &v6, &scope);
			sockaddr_storage ss;
			int len = sizeof ss;
			(void)evcxx::util::parse_sockaddr_port(prefix, reinterpret_cast<sockaddr *>(&ss), &len);
			delete[] copy;
		}
	}
}

TEST_CASE("evutil_strtoll survives hostile numbers", "[util]")
{
	const std::string digits(100 * 1024, '9');
	char *end;
	errno = 0;
	CHECK(evutil_strtoll(digits.c_str(), &end, 10) == INT64_MAX);
	CHECK(errno == ERANGE);
	CHECK(end == digits.c_str() + digits.size());
	const std::string negative = "-" + digits;
	errno = 0;
	CHECK(evutil_strtoll(negative.c_str(), &end, 10) == INT64_MIN);
	CHECK(errno == ERANGE);
	const std::string spaces = std::string(100 * 1024, ' ') + "12";
	CHECK(evutil_strtoll(spaces.c_str(), &end, 10) == 12);
	CHECK(*end == '\0');
	const std::string only_spaces(100 * 1024, ' ');
	CHECK(evutil_strtoll(only_spaces.c_str(), &end, 10) == 0);
	CHECK(end == only_spaces.c_str());
	CHECK(evutil_strtoll("0x", &end, 0) == 0);
	CHECK(*end == 'x');
	CHECK(evutil_strtoll("", &end, 0) == 0);
}
