// Monotonic and wall-clock time in nanoseconds. The loop keeps deadlines as
// int64 nanoseconds of CLOCK_MONOTONIC; timevals appear only at the C API.
#pragma once
#include <cstdint>
#include <ctime>
#include <sys/time.h>

namespace evcxx::clock {

using Nanos = int64_t;
inline constexpr Nanos kNsPerUs = 1000;
inline constexpr Nanos kNsPerSec = 1000000000;

inline Nanos from_timespec(const timespec &ts) { return Nanos(ts.tv_sec) * kNsPerSec + ts.tv_nsec; }

inline timespec read(clockid_t id)
{
	timespec ts;
	clock_gettime(id, &ts);
	return ts;
}

// Always the precise CLOCK_MONOTONIC (a vDSO read, taken once per loop
// iteration): upstream's coarse clock wakes timers early (libevent #958).
inline Nanos monotonic() { return from_timespec(read(CLOCK_MONOTONIC)); }
// The same, truncated to whole microseconds.
inline Nanos monotonic_micros()
{
	timespec ts = read(CLOCK_MONOTONIC);
	ts.tv_nsec = static_cast<long>(uint64_t(ts.tv_nsec) / 1000 * 1000);
	return from_timespec(ts);
}
inline Nanos realtime() { return from_timespec(read(CLOCK_REALTIME)); }

inline Nanos from_timeval(const timeval &tv)
{
	return Nanos(tv.tv_sec) * kNsPerSec + Nanos(tv.tv_usec) * kNsPerUs;
}

inline timeval to_timeval(Nanos ns)
{
	timeval tv;
	if (ns >= 0) { // deadlines and clock readings: unsigned division is cheaper
		const uint64_t u = uint64_t(ns);
		tv.tv_sec = static_cast<time_t>(u / uint64_t(kNsPerSec));
		tv.tv_usec = static_cast<suseconds_t>(u % uint64_t(kNsPerSec) / uint64_t(kNsPerUs));
		return tv;
	}
	tv.tv_sec = static_cast<time_t>(ns / kNsPerSec);
	tv.tv_usec = static_cast<suseconds_t>((ns % kNsPerSec) / kNsPerUs);
	if (tv.tv_usec < 0) {
		tv.tv_sec -= 1;
		tv.tv_usec += 1000000;
	}
	return tv;
}

inline timespec to_timespec(Nanos ns)
{
	timespec ts;
	ts.tv_sec = static_cast<time_t>(ns / kNsPerSec);
	ts.tv_nsec = static_cast<long>(ns % kNsPerSec);
	return ts;
}

} // namespace evcxx::clock
