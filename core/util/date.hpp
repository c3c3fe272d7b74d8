// HTTP dates (RFC 1123, "Sun, 06 Nov 1994 08:49:37 GMT"), behind
// evutil_date_rfc1123.
#pragma once
#include <cstddef>
#include <ctime>

namespace evcxx::util {

// Formats t (the current UTC time when null) into out with format()'s
// truncation and return value. A t whose tm_wday or tm_mon is out of range
// has no day or month name: the result is -1 and out (if non-empty) "".
int format_rfc1123_date(char *out, size_t size, const tm *t);

} // namespace evcxx::util
