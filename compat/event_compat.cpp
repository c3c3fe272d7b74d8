// extern "C" facade of event2/event_compat.h: the 1.x API, which works on
// the base that event_init() made current.
#include <event2/event.h>
#include <event2/event_compat.h>
#include <event2/event_struct.h>

#include "core/loop/base.hpp"
#include "core/loop/globals.hpp"
#include "core/util/log.hpp"

using namespace evcxx;

extern "C" {

struct event_base *event_init(void)
{
	event_base *b = loop::base_new(nullptr);
	if (!b)
		log::errx(1, "event_init: unable to construct event_base");
	globals::current_base = b;
	return b;
}

int event_dispatch(void) { return event_loop(0); }

int event_loop(int flags) { return event_base_loop(globals::current_base, flags); }

int event_loopexit(const struct timeval *tv) { return event_base_loopexit(globals::current_base, tv); }

int event_loopbreak(void) { return event_base_loopbreak(globals::current_base); }

int event_once(evutil_socket_t fd, short events, void (*cb)(evutil_socket_t, short, void *), void *arg,
               const struct timeval *tv)
{
	return event_base_once(globals::current_base, fd, events, cb, arg, tv);
}

const char *event_get_method(void) { return event_base_get_method(globals::current_base); }

int event_priority_init(int npriorities) { return event_base_priority_init(globals::current_base, npriorities); }

void event_set(struct event *ev, evutil_socket_t fd, short events, void (*cb)(evutil_socket_t, short, void *),
               void *arg)
{
	const int r = loop::assign(ev, globals::current_base, fd, events, cb, arg);
	EVCXX_ASSERT(r == 0);
}

int event_base_set(struct event_base *base, struct event *ev) { return loop::move_to_base(base, ev); }

} // extern "C"
