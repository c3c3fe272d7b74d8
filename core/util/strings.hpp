// String and number helpers behind evutil_snprintf, evutil_strtoll and the
// ASCII case-insensitive comparisons.
#pragma once
#include <cstdarg>
#include <cstddef>
#include <cstdint>

namespace evcxx::util {

// vsnprintf() that always NUL-terminates a non-empty buffer. Returns the
// length the full output would have; a zero-sized buffer is left untouched
// and yields 0, as upstream's evutil_vsnprintf does.
int vformat(char *buf, size_t size, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
int format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

// strtoll() of the C locale, independent of the process locale: optional
// white space, an optional sign, an optional 0x/0X prefix (base 0 or 16) and
// digits of the base. Saturates with ERANGE; an invalid base gives EINVAL
// and leaves *end alone (as glibc does).
int64_t parse_int64(const char *s, char **end, int base);

inline constexpr bool ascii_is_digit(char c) { return c >= '0' && c <= '9'; }

inline constexpr char ascii_to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive for ASCII letters only. Upstream compares plain (signed)
// chars, so bytes >= 0x80 order before ASCII; the result is -1, 0 or 1.
int ascii_casecmp(const char *a, const char *b);
int ascii_ncasecmp(const char *a, const char *b, size_t n);

} // namespace evcxx::util
