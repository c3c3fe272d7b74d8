// extern "C" facade of event2/bufferevent_compat.h (the 1.x bufferevent API).
#include <event2/bufferevent.h>
#include <event2/bufferevent_compat.h>

#include "core/stream/socket.hpp"
#include "core/stream/stream.hpp"
#include "core/util/log.hpp"

using namespace evcxx;

extern "C" {

// As upstream: no base of its own (events go to the event_init() base
// until bufferevent_base_set).
struct bufferevent *bufferevent_new(evutil_socket_t fd, evbuffercb readcb, evbuffercb writecb, everrorcb errorcb,
                                    void *cbarg)
{
	stream::Stream *s = stream::socket_new(nullptr, fd, 0);
	if (!s)
		return nullptr;
	stream::setcb(s, readcb, writecb, errorcb, cbarg);
	return stream::pub(s);
}

void bufferevent_settimeout(struct bufferevent *bufev, int timeout_read, int timeout_write)
{
	if (!bufev) {
		log::warnx("%s: NULL argument", __func__);
		return;
	}
	const timeval read_tv{timeout_read, 0}, write_tv{timeout_write, 0};
	stream::set_timeouts(stream::from(bufev), timeout_read ? &read_tv : nullptr, timeout_write ? &write_tv : nullptr);
}

} // extern "C"
