#include "core/stream/socket.hpp"

#include <cerrno>
#include <cstdio>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <event2/event_compat.h>

#include "core/buffer/buffer.hpp"
#include "core/loop/base.hpp"
#include "core/stream/rate_limit.hpp"
#include "core/util/addrinfo.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"
#include "core/util/socket.hpp"

namespace evcxx::stream {

namespace {

bool retriable_rw(int err) { return err == EINTR || err == EAGAIN || err == EWOULDBLOCK; }

// 1 connected, 0 still connecting, -1 failed (errno set).
int finished_connecting(evutil_socket_t fd)
{
	int err = 0;
	socklen_t len = sizeof(err);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return -1;
	if (err == EINTR || err == EINPROGRESS)
		return 0;
	if (err) {
		errno = err;
		return -1;
	}
	return 1;
}

// connect() on a non-blocking socket: 1 connected now, 0 in progress,
// 2 refused at once (loopback), -1 other failure.
int start_connect(evutil_socket_t fd, const sockaddr *sa, int socklen)
{
	if (connect(fd, sa, static_cast<socklen_t>(socklen)) == 0)
		return 1;
	const int err = errno;
	if (err == EINTR || err == EINPROGRESS)
		return 0;
	if (err == ECONNREFUSED)
		return 2;
	return -1;
}

void read_ready(evutil_socket_t fd, short what, void *arg);
void write_ready(evutil_socket_t fd, short what, void *arg);

void assign_events(Stream *s, evutil_socket_t fd)
{
	bufferevent *b = pub(s);
	loop::assign(&b->ev_read, b->ev_base, fd, EV_READ | EV_PERSIST | EV_FINALIZE, read_ready, s);
	loop::assign(&b->ev_write, b->ev_base, fd, EV_WRITE | EV_PERSIST | EV_FINALIZE, write_ready, s);
}

void read_ready(evutil_socket_t fd, short what, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	bufferevent *b = pub(s);
	short report = BEV_EVENT_READING;
	incref_and_lock(s);
	if (what == EV_TIMEOUT) {
		report |= BEV_EVENT_TIMEOUT;
	} else {
		// Read no further than the high watermark and the rate limits allow.
		ev_ssize_t howmuch = -1;
		if (b->wm_read.high) {
			howmuch = static_cast<ev_ssize_t>(b->wm_read.high) - static_cast<ev_ssize_t>(buffer::length(b->input));
			if (howmuch <= 0) { // the watermark was lowered under the data
				suspend_read(s, kSuspendWatermark);
				decref_and_unlock(s);
				return;
			}
		}
		const ev_ssize_t readmax = read_max(s);
		if (howmuch < 0 || howmuch > readmax)
			howmuch = readmax;
		if (s->read_suspended) {
			decref_and_unlock(s);
			return;
		}
		buffer::unfreeze(b->input, false);
		const int n = buffer::read(b->input, fd, static_cast<int>(howmuch));
		buffer::freeze(b->input, false);
		if (n > 0) {
			charge_read(s, n);
			trigger_nolock(s, EV_READ, 0);
			decref_and_unlock(s);
			return;
		}
		if (n < 0) {
			const int err = errno;
			if (retriable_rw(err)) {
				decref_and_unlock(s);
				return;
			}
			if (err == ECONNREFUSED) { // reported by the write side's connect check
				s->connection_refused = true;
				decref_and_unlock(s);
				return;
			}
			report |= BEV_EVENT_ERROR;
		} else {
			report |= BEV_EVENT_EOF;
		}
	}
	disable(s, EV_READ);
	run_eventcb(s, report, 0);
	decref_and_unlock(s);
}

void write_ready(evutil_socket_t fd, short what, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	bufferevent *b = pub(s);
	short report = BEV_EVENT_WRITING;
	bool connected = false;
	int n = 0;
	incref_and_lock(s);
	if (what == EV_TIMEOUT) {
		report |= BEV_EVENT_TIMEOUT;
		goto fail;
	}
	if (s->connecting) {
		int c = finished_connecting(fd);
		if (s->connection_refused) {
			s->connection_refused = false;
			c = -1;
		}
		if (c == 0)
			goto done;
		s->connecting = false;
		if (c < 0) {
			loop::del(&b->ev_write, loop::DelWait::Auto);
			loop::del(&b->ev_read, loop::DelWait::Auto);
			run_eventcb(s, BEV_EVENT_ERROR, 0);
			goto done;
		}
		connected = true;
		run_eventcb(s, BEV_EVENT_CONNECTED, 0);
		if (!(b->enabled & EV_WRITE) || s->write_suspended) {
			loop::del(&b->ev_write, loop::DelWait::Auto);
			goto done;
		}
	}
	{
		const ev_ssize_t atmost = write_max(s);
		if (s->write_suspended)
			goto done;
		if (buffer::length(b->output)) {
			buffer::unfreeze(b->output, true);
			n = buffer::write_atmost(b->output, fd, atmost);
			buffer::freeze(b->output, true);
			if (n < 0) {
				if (retriable_rw(errno)) {
					if (buffer::length(b->output) == 0)
						loop::del(&b->ev_write, loop::DelWait::Auto);
					goto done;
				}
				report |= BEV_EVENT_ERROR;
				goto fail;
			}
			if (n == 0) {
				report |= BEV_EVENT_EOF;
				goto fail;
			}
			charge_write(s, n);
		}
		if (buffer::length(b->output) == 0)
			loop::del(&b->ev_write, loop::DelWait::Auto);
		// The write callback follows each write, and each readiness report
		// outside a connect (upstream calls it even with nothing written).
		if (n || !connected)
			trigger_nolock(s, EV_WRITE, 0);
		goto done;
	}
fail:
	disable(s, EV_WRITE);
	run_eventcb(s, report, 0);
done:
	decref_and_unlock(s);
}

// Start writing when data arrives in the output while enabled.
void output_added(evbuffer *, const evbuffer_cb_info *info, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	bufferevent *b = pub(s);
	if (info->n_added && (b->enabled & EV_WRITE) && !loop::pending(&b->ev_write, EV_WRITE, nullptr) &&
	    !s->write_suspended)
		add_event(&b->ev_write, &b->timeout_write);
}

int sock_enable(Stream *s, short what)
{
	bufferevent *b = pub(s);
	if ((what & EV_READ) && add_event(&b->ev_read, &b->timeout_read) == -1)
		return -1;
	if ((what & EV_WRITE) && add_event(&b->ev_write, &b->timeout_write) == -1)
		return -1;
	return 0;
}

int sock_disable(Stream *s, short what)
{
	bufferevent *b = pub(s);
	if ((what & EV_READ) && loop::del(&b->ev_read, loop::DelWait::Auto) == -1)
		return -1;
	// A connect in progress keeps watching for writability.
	if ((what & EV_WRITE) && !s->connecting && loop::del(&b->ev_write, loop::DelWait::Auto) == -1)
		return -1;
	return 0;
}

void sock_destruct(Stream *s)
{
	const evutil_socket_t fd = s->pub.ev_read.ev_fd;
	if ((s->options & BEV_OPT_CLOSE_ON_FREE) && fd >= 0)
		util::close_socket(fd);
}

// New timeouts apply to the events that are added now.
int sock_adj_timeouts(Stream *s)
{
	bufferevent *b = pub(s);
	int r = 0;
	const struct {
		event *ev;
		short what;
		const timeval *tv;
	} sides[] = {{&b->ev_read, EV_READ, &b->timeout_read}, {&b->ev_write, EV_WRITE, &b->timeout_write}};
	for (const auto &side : sides) {
		if (!loop::pending(side.ev, side.what, nullptr))
			continue;
		if (side.tv->tv_sec || side.tv->tv_usec) {
			if (add_event(side.ev, side.tv) < 0)
				r = -1;
		} else {
			loop::remove_timer(side.ev);
		}
	}
	return r;
}

int sock_flush(Stream *, short, bufferevent_flush_mode) { return 0; }

int sock_get_fd(Stream *s, evutil_socket_t *fd)
{
	*fd = s->pub.ev_read.ev_fd;
	return 0;
}

// Upstream leaves the buffers unfrozen after a new descriptor is set.
int sock_set_fd(Stream *s, evutil_socket_t fd)
{
	bufferevent *b = pub(s);
	lock(s);
	loop::del(&b->ev_read, loop::DelWait::Auto);
	loop::del(&b->ev_write, loop::DelWait::Auto);
	buffer::unfreeze(b->input, false);
	buffer::unfreeze(b->output, true);
	assign_events(s, fd);
	if (fd >= 0)
		enable(s, b->enabled);
	unlock(s);
	return 0;
}

} // namespace

const bufferevent_ops kSocketOps = {
	"socket",
	sock_enable,
	sock_disable,
	nullptr, // unlink
	sock_destruct,
	sock_adj_timeouts,
	sock_flush,
	sock_get_fd,
	sock_set_fd,
	nullptr, // underlying
	nullptr, // cancel_all: lookups finish before connect_hostname returns
};

Stream *socket_new(event_base *base, evutil_socket_t fd, int options)
{
	auto *s = static_cast<Stream *>(mm::zalloc(1, sizeof(Stream)));
	if (!s)
		return nullptr;
	if (init_common(s, base, &kSocketOps, options) < 0) {
		mm::release(s);
		return nullptr;
	}
	bufferevent *b = pub(s);
	evbuffer_set_flags(b->output, EVBUFFER_FLAG_DRAINS_TO_FD);
	assign_events(s, fd);
	evbuffer_add_cb(b->output, output_added, s);
	// Only the socket fills the input and drains the output.
	buffer::freeze(b->input, false);
	buffer::freeze(b->output, true);
	return s;
}

int socket_connect(Stream *s, const sockaddr *sa, int socklen)
{
	int result = -1;
	bool own_fd = false;
	int r = 0;
	incref_and_lock(s);
	evutil_socket_t fd = get_fd(s);
	if (fd < 0) {
		if (!sa)
			goto done;
		fd = ::socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (fd < 0)
			goto done;
		own_fd = true;
	}
	if (sa) {
		r = start_connect(fd, sa, socklen);
		if (r < 0) {
			run_eventcb(s, BEV_EVENT_ERROR, 0);
			if (own_fd)
				util::close_socket(fd);
			goto done;
		}
	}
	set_fd(s, fd);
	if (r == 0) {
		if (sock_enable(s, EV_WRITE) == 0) {
			s->connecting = true;
			result = 0;
		}
	} else if (r == 1) {
		// Connected at once (AF_UNIX): upstream reports a write callback.
		result = 0;
		s->connecting = true;
		trigger_nolock(s, EV_WRITE, BEV_OPT_DEFER_CALLBACKS);
	} else {
		// Refused at once (loopback): reported from the loop.
		result = 0;
		run_eventcb(s, BEV_EVENT_ERROR, BEV_OPT_DEFER_CALLBACKS);
		disable(s, EV_WRITE | EV_READ);
	}
done:
	decref_and_unlock(s);
	return result;
}

int socket_connect_hostname(Stream *s, evdns_base *dns, int family, const char *hostname, int port)
{
	if (family != AF_INET && family != AF_INET6 && family != AF_UNSPEC)
		return -1;
	if (port < 1 || port > 65535)
		return -1;
	if (dns) {
		log::warnx("bufferevent_socket_connect_hostname: asynchronous resolution through an evdns_base is not available");
		return -1;
	}
	addrinfo hint{};
	hint.ai_family = family;
	hint.ai_protocol = IPPROTO_TCP;
	hint.ai_socktype = SOCK_STREAM;
	char portbuf[10];
	snprintf(portbuf, sizeof(portbuf), "%d", port);

	lock(s);
	s->dns_error = 0;
	suspend_write(s, kSuspendLookup);
	suspend_read(s, kSuspendLookup);
	++s->refcnt; // held by the lookup
	addrinfo *ai = nullptr;
	const int err = util::getaddrinfo(hostname, portbuf, &hint, &ai);
	unsuspend_write(s, kSuspendLookup);
	unsuspend_read(s, kSuspendLookup);
	if (err) {
		s->dns_error = err;
		run_eventcb(s, BEV_EVENT_ERROR, 0);
	} else {
		socket_connect(s, ai->ai_addr, static_cast<int>(ai->ai_addrlen)); // reports its own errors
	}
	decref_and_unlock(s);
	if (ai)
		util::freeaddrinfo(ai);
	return 0;
}

int socket_get_dns_error(Stream *s)
{
	lock(s);
	const int r = s->dns_error;
	unlock(s);
	return r;
}

int socket_priority_set(Stream *s, int pri)
{
	lock(s);
	int r = -1;
	bufferevent *b = pub(s);
	if (is_socket(s) && event_priority_set(&b->ev_read, pri) == 0 && event_priority_set(&b->ev_write, pri) == 0) {
		s->deferred.evcb_pri = static_cast<uint8_t>(pri);
		r = 0;
	}
	unlock(s);
	return r;
}

int socket_base_set(event_base *base, Stream *s)
{
	lock(s);
	int r = -1;
	bufferevent *b = pub(s);
	if (is_socket(s)) {
		b->ev_base = base;
		r = event_base_set(base, &b->ev_read);
		if (r == 0)
			r = event_base_set(base, &b->ev_write);
	}
	unlock(s);
	return r;
}

} // namespace evcxx::stream
