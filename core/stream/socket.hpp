// Socket bufferevents: ev_read/ev_write watch the descriptor; reads go into
// the input buffer (at most what the watermarks and rate limits allow),
// the output buffer drains to the socket while writing is enabled.
#pragma once
#include <event2/bufferevent.h>

#include "core/stream/stream.hpp"

struct evdns_base;

namespace evcxx::stream {

extern const bufferevent_ops kSocketOps;

inline bool is_socket(const Stream *s) { return s->pub.be_ops == &kSocketOps; }

Stream *socket_new(event_base *base, evutil_socket_t fd, int options);
int socket_connect(Stream *s, const sockaddr *sa, int socklen);
// Blocking resolution through getaddrinfo (no evdns_base may be given yet).
int socket_connect_hostname(Stream *s, evdns_base *dns, int family, const char *hostname, int port);
int socket_get_dns_error(Stream *s);
// Only socket bufferevents have a priority or base of their own to set.
int socket_priority_set(Stream *s, int pri);
int socket_base_set(event_base *base, Stream *s);

} // namespace evcxx::stream
