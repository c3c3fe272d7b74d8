// Standalone monotonic timers (evutil_monotonic_timer_*).
#pragma once
#include <sys/time.h>

#include "core/time/clock.hpp"

namespace evcxx::util {

struct MonotonicTimer {
	// EV_MONOT_FALLBACK: wall-clock time made non-decreasing, as upstream's
	// fallback does; otherwise the precise CLOCK_MONOTONIC.
	bool wall_clock = false;
	clock::Nanos adjustment = 0; // added to wall-clock readings
	clock::Nanos last = 0;       // latest wall-clock reading returned
};

inline constexpr int kMonotonicPrecise = 1;  // EV_MONOT_PRECISE
inline constexpr int kMonotonicFallback = 2; // EV_MONOT_FALLBACK

// Allocated through evcxx::mm; nullptr when allocation fails.
MonotonicTimer *new_monotonic_timer();
void free_monotonic_timer(MonotonicTimer *timer);

// Always succeeds (0). Without EV_MONOT_FALLBACK the timer reads
// CLOCK_MONOTONIC whether or not EV_MONOT_PRECISE is given.
int configure_monotonic_timer(MonotonicTimer &timer, int flags);

// 0 and the time in *tv; never fails on Linux.
int read_monotonic_timer(MonotonicTimer &timer, timeval &tv);

} // namespace evcxx::util
