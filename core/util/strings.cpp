#include "core/util/strings.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>

namespace evcxx::util {

int vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	if (size == 0)
		return 0;
	const int r = std::vsnprintf(buf, size, fmt, ap);
	buf[size - 1] = '\0';
	return r;
}

int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const int r = vformat(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

namespace {

constexpr bool is_c_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

// Value of c as a digit of any base up to 36, or 36 when it is none.
constexpr unsigned digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return static_cast<unsigned>(c - '0');
	const char lower = ascii_to_lower(c);
	if (lower >= 'a' && lower <= 'z')
		return static_cast<unsigned>(lower - 'a' + 10);
	return 36;
}

} // namespace

int64_t parse_int64(const char *s, char **end, int base)
{
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		return 0;
	}
	const char *p = s;
	while (is_c_space(*p))
		++p;
	bool negative = false;
	if (*p == '+' || *p == '-') {
		negative = (*p == '-');
		++p;
	}
	// "0x" is a prefix only when a hex digit follows; otherwise the "0"
	// alone is the number and parsing stops at the 'x'.
	const bool hex_prefix = p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16;
	if (base == 0)
		base = hex_prefix ? 16 : (p[0] == '0' ? 8 : 10);
	if (base == 16 && hex_prefix)
		p += 2;

	const auto radix = static_cast<unsigned>(base);
	// Largest magnitude representable with the given sign.
	const uint64_t limit = negative ? uint64_t(INT64_MAX) + 1 : uint64_t(INT64_MAX);
	uint64_t magnitude = 0;
	bool overflow = false;
	const char *digits = p;
	for (unsigned d; (d = digit_value(*p)) < radix; ++p) {
		if (overflow)
			continue;
		if (magnitude > (limit - d) / radix)
			overflow = true;
		else
			magnitude = magnitude * radix + d;
	}
	if (p == digits) {
		if (end)
			*end = const_cast<char *>(s);
		return 0;
	}
	if (end)
		*end = const_cast<char *>(p);
	if (overflow) {
		errno = ERANGE;
		return negative ? INT64_MIN : INT64_MAX;
	}
	return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

namespace {

// -1, 0 or 1 comparing lowered chars with upstream's signed-char order.
int compare_lowered(char a, char b)
{
	const auto la = static_cast<signed char>(ascii_to_lower(a));
	const auto lb = static_cast<signed char>(ascii_to_lower(b));
	return (la > lb) - (la < lb);
}

} // namespace

int ascii_casecmp(const char *a, const char *b)
{
	for (;; ++a, ++b) {
		if (const int r = compare_lowered(*a, *b))
			return r;
		if (*a == '\0')
			return 0;
	}
}

int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; --n, ++a, ++b) {
		if (const int r = compare_lowered(*a, *b))
			return r;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

} // namespace evcxx::util
