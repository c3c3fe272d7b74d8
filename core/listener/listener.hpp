// struct evconnlistener: accepts connections on a listening socket and hands
// each to the application's callback.
#pragma once
#include <event2/event_struct.h>
#include <event2/listener.h>

struct evconnlistener {
	event reader;  // EV_READ|EV_PERSIST on the listening socket
	event backoff; // timer that resumes accepting after a failed accept()
	evconnlistener_cb cb;
	evconnlistener_errorcb errorcb;
	void *arg;
	unsigned flags;    // LEV_OPT_*
	int accept_flags;  // SOCK_NONBLOCK / SOCK_CLOEXEC for accept4()
	void *lock;        // recursive, with LEV_OPT_THREADSAFE and lock callbacks
	// The owner's reference plus one per callback running unlocked; the
	// last one to go frees the listener.
	int refs;
	bool enabled;
	bool freed;        // evconnlistener_free was called
	bool backing_off;  // reader removed until the backoff timer fires
	bool warned;       // the current run of failures was logged
};

namespace evcxx::listener {

// evconnlistener_new: backlog > 0 calls listen(backlog), < 0 listen(128),
// 0 leaves the socket as it is.
evconnlistener *create(event_base *base, evconnlistener_cb cb, void *arg, unsigned flags,
                       int backlog, int fd);
// evconnlistener_new_bind: a new non-blocking socket bound to sa.
evconnlistener *create_bound(event_base *base, evconnlistener_cb cb, void *arg, unsigned flags,
                             int backlog, const sockaddr *sa, int socklen);
// Drop the owner's reference; the listener goes once no callback runs.
void release(evconnlistener *lev);

int enable(evconnlistener *lev);
int disable(evconnlistener *lev);
void set_cb(evconnlistener *lev, evconnlistener_cb cb, void *arg);
void set_error_cb(evconnlistener *lev, evconnlistener_errorcb errorcb);

// Drop one reference taken with the lock held; unlocks, and frees the
// listener when that was the last. Returns true if it freed it.
bool unref_and_unlock(evconnlistener *lev);
// The reader's callback (accept.cpp) and the backoff timer's.
void on_readable(evutil_socket_t fd, short what, void *arg);
void on_backoff_over(evutil_socket_t fd, short what, void *arg);

} // namespace evcxx::listener
