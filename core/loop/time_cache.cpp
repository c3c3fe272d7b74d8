// The base's notion of "now": cached for the length of a loop pass (unless
// EVENT_BASE_FLAG_NO_CACHE_TIME), plus the offset to the wall clock used to
// report deadlines and cached time as wall-clock timevals.
#include "core/loop/base.hpp"
#include "core/loop/globals.hpp"

namespace evcxx::loop {
namespace {
// Re-measure the wall-clock offset at most this often, as upstream does.
constexpr clock::Nanos kWallResync = 5 * clock::kNsPerSec;
} // namespace

clock::Nanos wall_offset(event_base *b)
{
	const clock::Nanos t = now(b);
	if (b->wall_offset_taken == 0 || t - b->wall_offset_taken > kWallResync) {
		b->wall_offset = clock::realtime() - clock::monotonic();
		b->wall_offset_taken = t;
	}
	return b->wall_offset;
}

void clear_time_cache(event_base *b)
{
	b->cached_now = 0;
	b->time_cache_open = false;
}

void open_time_cache(event_base *b)
{
	b->cached_now = 0;
	b->time_cache_open = !(b->flags & EVENT_BASE_FLAG_NO_CACHE_TIME);
}

void refresh_time_cache(event_base *b)
{
	open_time_cache(b);
	now(b);
}

int gettimeofday_cached(event_base *b, timeval *tv)
{
	if (!b)
		b = globals::current_base;
	if (!b)
		return ::gettimeofday(tv, nullptr);
	lock(b);
	int r = 0;
	if (b->cached_now == 0 && !b->time_cache_open)
		r = ::gettimeofday(tv, nullptr);
	else
		*tv = clock::to_timeval(now(b) + wall_offset(b));
	unlock(b);
	return r;
}

int update_cache_time(event_base *b)
{
	if (!b)
		b = globals::current_base;
	if (!b)
		return -1;
	lock(b);
	if (b->running_loop)
		refresh_time_cache(b);
	unlock(b);
	return 0;
}

} // namespace evcxx::loop
