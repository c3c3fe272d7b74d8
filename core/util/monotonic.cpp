#include "core/util/monotonic.hpp"

#include "core/util/mm.hpp"

namespace evcxx::util {

MonotonicTimer *new_monotonic_timer() { return mm::make<MonotonicTimer>(); }

void free_monotonic_timer(MonotonicTimer *timer) { mm::destroy(timer); }

int configure_monotonic_timer(MonotonicTimer &timer, int flags)
{
	timer.wall_clock = (flags & kMonotonicFallback) != 0;
	return 0;
}

int read_monotonic_timer(MonotonicTimer &timer, timeval &tv)
{
	if (!timer.wall_clock) {
		tv = clock::to_timeval(clock::monotonic());
		return 0;
	}
	// A wall clock stepped backwards is absorbed into the adjustment so
	// readings never decrease.
	clock::Nanos now = clock::realtime() + timer.adjustment;
	if (now < timer.last) {
		timer.adjustment += timer.last - now;
		now = timer.last;
	}
	timer.last = now;
	tv = clock::to_timeval(now);
	return 0;
}

} // namespace evcxx::util
