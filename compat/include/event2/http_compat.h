/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/http_compat.h: HTTP functions from libevent 1.x that use the global
 * event base.  Deprecated: use the evhttp_*_base_* functions. */
#ifndef EVCXX_EVENT2_HTTP_COMPAT_H
#define EVCXX_EVENT2_HTTP_COMPAT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_HTTP_COMPAT_H_INCLUDED_

#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <event2/util.h>
#include <event2/visibility.h>

#ifdef __cplusplus
extern "C" {
#endif

struct evhttp;
struct evhttp_connection;
struct event_base;

/* Server bound to address:port on the global base (use evhttp_new). */
EVENT2_EXPORT_SYMBOL struct evhttp *evhttp_start(const char *address, ev_uint16_t port);

/* Client connection without a base (use evhttp_connection_base_new). */
EVENT2_EXPORT_SYMBOL struct evhttp_connection *evhttp_connection_new(const char *address, ev_uint16_t port);

/* Attach a connection to a base. */
EVENT2_EXPORT_SYMBOL void evhttp_connection_set_base(struct evhttp_connection *evcon, struct event_base *base);

/* 1.x name of evhttp_request_get_uri. */
#define evhttp_request_uri evhttp_request_get_uri

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_HTTP_COMPAT_H */
