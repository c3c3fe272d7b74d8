#include "core/util/date.hpp"

#include "core/util/strings.hpp"

namespace evcxx::util {

int format_rfc1123_date(char *out, size_t size, const tm *t)
{
	static constexpr const char *kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	tm now;
	if (!t) {
		const time_t seconds = time(nullptr);
		gmtime_r(&seconds, &now);
		t = &now;
	}
	if (t->tm_wday < 0 || t->tm_wday > 6 || t->tm_mon < 0 || t->tm_mon > 11) {
		if (size > 0)
			out[0] = '\0';
		return -1;
	}
	// The year is widened so that tm_year near INT_MAX cannot overflow.
	return format(out, size, "%s, %02d %s %4lld %02d:%02d:%02d GMT", kDays[t->tm_wday], t->tm_mday,
	              kMonths[t->tm_mon], 1900LL + t->tm_year, t->tm_hour, t->tm_min, t->tm_sec);
}

} // namespace evcxx::util
