// evutil_snprintf/vsnprintf, evutil_strtoll and the ASCII case-insensitive
// comparisons. Expected values were taken from libevent 2.1.12 (Debian).
#include <catch2/catch.hpp>

#include <event2/util.h>

#include <cerrno>
#include <clocale>
#include <climits>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

int call_vsnprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const int r = evutil_vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return r;
}

} // namespace

TEST_CASE("evutil_snprintf returns the full length and always terminates", "[util]")
{
	char buf[16];
	CHECK(evutil_snprintf(buf, sizeof buf, "x=%d %s", 42, "ok") == 7);
	CHECK(std::string(buf) == "x=42 ok");

	std::memset(buf, 'Z', sizeof buf);
	CHECK(evutil_snprintf(buf, 3, "hello %d", 5) == 7);
	CHECK(std::string(buf) == "he");
	CHECK(buf[3] == 'Z');

	std::memset(buf, 'Z', sizeof buf);
	CHECK(evutil_snprintf(buf, 1, "abc") == 3);
	CHECK(buf[0] == '\0');
}

TEST_CASE("evutil_snprintf with a zero size writes nothing and returns 0, as upstream", "[util]")
{
	char buf[4] = {'Z', 'Z', 'Z', 'Z'};
	CHECK(evutil_snprintf(buf, 0, "hello %d", 5) == 0);
	CHECK(call_vsnprintf(buf, 0, "hello") == 0);
	CHECK(buf[0] == 'Z');
	CHECK(evutil_snprintf(nullptr, 0, "anything") == 0);
}

TEST_CASE("evutil_vsnprintf formats a va_list", "[util]")
{
	char buf[8];
	CHECK(call_vsnprintf(buf, sizeof buf, "%s-%u", "abcdef", 12u) == 9);
	CHECK(std::string(buf) == "abcdef-");
}

TEST_CASE("evutil_strtoll parses like strtoll in the C locale", "[util]")
{
	struct Case {
		const char *text;
		int base;
		long long value;
		ptrdiff_t consumed;
		int err;
	};
	const Case cases[] = {
		{"0", 10, 0, 1, 0},
		{"  -42xyz", 10, -42, 5, 0},
		{"+17", 10, 17, 3, 0},
		{"0x1F", 0, 31, 4, 0},
		{"0X1f", 16, 31, 4, 0},
		{"0x", 16, 0, 1, 0},
		{"0xg", 0, 0, 1, 0},
		{"017", 0, 15, 3, 0},
		{"09", 0, 0, 1, 0},
		{"zz", 36, 1295, 2, 0},
		{"9223372036854775807", 10, INT64_MAX, 19, 0},
		{"9223372036854775808", 10, INT64_MAX, 19, ERANGE},
		{"-9223372036854775808", 10, INT64_MIN, 20, 0},
		{"-9223372036854775809", 10, INT64_MIN, 20, ERANGE},
		{"99999999999999999999999999", 10, INT64_MAX, 26, ERANGE},
		{"", 10, 0, 0, 0},
		{"   ", 10, 0, 0, 0},
		{"-", 10, 0, 0, 0},
		{"\t\n\v\f\r 5", 10, 5, 7, 0},
		{"0b101", 0, 0, 1, 0}, // no C23 binary prefix, as in 2.1.12's libc
	};
	for (const Case &c : cases) {
		INFO("text '" << c.text << "' base " << c.base);
		char *end = nullptr;
		errno = 0;
		CHECK(evutil_strtoll(c.text, &end, c.base) == c.value);
		CHECK(end - c.text == c.consumed);
		CHECK(errno == c.err);
	}
	CHECK(evutil_strtoll("123", nullptr, 10) == 123);
}

TEST_CASE("evutil_strtoll rejects an invalid base with EINVAL", "[util]")
{
	char *end = reinterpret_cast<char *>(0x1);
	errno = 0;
	CHECK(evutil_strtoll("12", &end, 1) == 0);
	CHECK(errno == EINVAL);
	CHECK(end == reinterpret_cast<char *>(0x1));
	errno = 0;
	CHECK(evutil_strtoll("12", nullptr, 37) == 0);
	CHECK(errno == EINVAL);
}

TEST_CASE("evutil_strtoll agrees with libc strtoll on generated input", "[util]")
{
	std::setlocale(LC_ALL, "C");
	const char alphabet[] = "0123456789abcdefxXzZ+- \t";
	uint64_t state = 0x9e3779b97f4a7c15u;
	auto next = [&state] {
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		return state;
	};
	const int bases[] = {0, 2, 8, 10, 16, 36};
	for (int i = 0; i < 20000; ++i) {
		std::string text;
		const size_t len = next() % 24;
		for (size_t j = 0; j < len; ++j)
			text += alphabet[next() % (sizeof alphabet - 1)];
		const int base = bases[next() % 6];
		char *ours_end, *libc_end;
		errno = 0;
		const long long ours = evutil_strtoll(text.c_str(), &ours_end, base);
		const int ours_errno = errno;
		errno = 0;
		const long long libc = std::strtoll(text.c_str(), &libc_end, base);
		INFO("text '" << text << "' base " << base);
		REQUIRE(ours == libc);
		REQUIRE(ours_end == libc_end);
		REQUIRE(ours_errno == errno);
	}
}

TEST_CASE("evutil_ascii_strcasecmp folds ASCII letters only", "[util]")
{
	CHECK(evutil_ascii_strcasecmp("Hello", "hELLO") == 0);
	CHECK(evutil_ascii_strcasecmp("abc", "ABD") == -1);
	CHECK(evutil_ascii_strcasecmp("abd", "ABC") == 1);
	CHECK(evutil_ascii_strcasecmp("abc", "ab") == 1);
	CHECK(evutil_ascii_strcasecmp("ab", "abc") == -1);
	CHECK(evutil_ascii_strcasecmp("", "") == 0);
	// '[' (0x5b) sits between 'Z' and 'a': compared after folding.
	CHECK(evutil_ascii_strcasecmp("[", "a") == -1);
	CHECK(evutil_ascii_strcasecmp("[", "A") == -1);
	// Upstream compares signed chars: bytes >= 0x80 sort before ASCII and
	// Latin-1 letters are not folded.
	CHECK(evutil_ascii_strcasecmp("\x80", "a") == -1);
	CHECK(evutil_ascii_strcasecmp("\xe9", "\xc9") == 1);
}

TEST_CASE("evutil_ascii_strcasecmp ignores the process locale", "[util]")
{
	const char *old = std::setlocale(LC_CTYPE, nullptr);
	std::string saved = old ? old : "C";
	if (std::setlocale(LC_CTYPE, "tr_TR.UTF-8") || std::setlocale(LC_CTYPE, "C.UTF-8")) {
		CHECK(evutil_ascii_strcasecmp("TITLE", "title") == 0);
		CHECK(evutil_ascii_strcasecmp("I", "i") == 0);
	}
	std::setlocale(LC_CTYPE, saved.c_str());
}

TEST_CASE("evutil_ascii_strncasecmp stops after n bytes or at the end", "[util]")
{
	CHECK(evutil_ascii_strncasecmp("abcX", "ABCy", 3) == 0);
	CHECK(evutil_ascii_strncasecmp("abcX", "ABCy", 4) == -1);
	CHECK(evutil_ascii_strncasecmp("ab", "abc", 5) == -1);
	CHECK(evutil_ascii_strncasecmp("ab", "AB", 5) == 0);
	CHECK(evutil_ascii_strncasecmp("x", "y", 0) == 0);
	CHECK(evutil_ascii_strncasecmp("\xe9", "\xc9", 1) == 1);
}
