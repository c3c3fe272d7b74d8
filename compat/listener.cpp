// event2/listener.h: connection listeners, handed to core/listener.
#include <event2/listener.h>

#include "core/listener/listener.hpp"
#include "core/util/log.hpp"

namespace listener = evcxx::listener;
namespace log = evcxx::log;

namespace {

// Upstream crashes on a NULL listener; we refuse it with a warning.
bool refuse_null(const evconnlistener *lev, const char *fn)
{
	if (lev)
		return false;
	log::warnx("%s: NULL listener", fn);
	return true;
}

} // namespace

extern "C" {

struct evconnlistener *evconnlistener_new(struct event_base *base, evconnlistener_cb cb, void *ptr,
                                          unsigned flags, int backlog, evutil_socket_t fd)
{
	return listener::create(base, cb, ptr, flags, backlog, fd);
}

struct evconnlistener *evconnlistener_new_bind(struct event_base *base, evconnlistener_cb cb,
                                               void *ptr, unsigned flags, int backlog,
                                               const struct sockaddr *sa, int socklen)
{
	return listener::create_bound(base, cb, ptr, flags, backlog, sa, socklen);
}

void evconnlistener_free(struct evconnlistener *lev)
{
	if (!refuse_null(lev, __func__))
		listener::release(lev);
}

int evconnlistener_enable(struct evconnlistener *lev)
{
	return refuse_null(lev, __func__) ? -1 : listener::enable(lev);
}

int evconnlistener_disable(struct evconnlistener *lev)
{
	return refuse_null(lev, __func__) ? -1 : listener::disable(lev);
}

struct event_base *evconnlistener_get_base(struct evconnlistener *lev)
{
	return refuse_null(lev, __func__) ? nullptr : lev->reader.ev_base;
}

evutil_socket_t evconnlistener_get_fd(struct evconnlistener *lev)
{
	return refuse_null(lev, __func__) ? -1 : lev->reader.ev_fd;
}

void evconnlistener_set_cb(struct evconnlistener *lev, evconnlistener_cb cb, void *arg)
{
	if (!refuse_null(lev, __func__))
		listener::set_cb(lev, cb, arg);
}

void evconnlistener_set_error_cb(struct evconnlistener *lev, evconnlistener_errorcb errorcb)
{
	if (!refuse_null(lev, __func__))
		listener::set_error_cb(lev, errorcb);
}

} // extern "C"
