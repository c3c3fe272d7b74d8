#include "core/time/clock.hpp"

namespace evcxx::clock {
namespace {
Nanos read(clockid_t id)
{
	timespec ts;
	clock_gettime(id, &ts);
	return Nanos(ts.tv_sec) * kNsPerSec + ts.tv_nsec;
}
} // namespace

Nanos monotonic() { return read(CLOCK_MONOTONIC); }
Nanos realtime() { return read(CLOCK_REALTIME); }

} // namespace evcxx::clock
