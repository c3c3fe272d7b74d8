/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/bufferevent_ssl.h: TLS bufferevents on top of OpenSSL
 * (libevent_openssl).  struct ssl_st is OpenSSL's SSL. */
#ifndef EVCXX_EVENT2_BUFFEREVENT_SSL_H
#define EVCXX_EVENT2_BUFFEREVENT_SSL_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_BUFFEREVENT_SSL_H_INCLUDED_

#include <event2/visibility.h>
#include <event2/event-config.h>
#include <event2/bufferevent.h>
#include <event2/util.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ssl_st;
struct event_base;

/* Role of the SSL object when the bufferevent is created. */
enum bufferevent_ssl_state {
	BUFFEREVENT_SSL_OPEN = 0,		/* handshake already done */
	BUFFEREVENT_SSL_CONNECTING = 1,		/* act as client */
	BUFFEREVENT_SSL_ACCEPTING = 2		/* act as server */
};

/* TLS over another bufferevent / directly over a socket. */
EVENT2_EXPORT_SYMBOL struct bufferevent *bufferevent_openssl_filter_new(struct event_base *base, struct bufferevent *underlying, struct ssl_st *ssl, enum bufferevent_ssl_state state, int options);
EVENT2_EXPORT_SYMBOL struct bufferevent *bufferevent_openssl_socket_new(struct event_base *base, evutil_socket_t fd, struct ssl_st *ssl, enum bufferevent_ssl_state state, int options);

/* Whether a close without close_notify counts as EOF rather than error. */
EVENT2_EXPORT_SYMBOL int bufferevent_openssl_get_allow_dirty_shutdown(struct bufferevent *bev);
EVENT2_EXPORT_SYMBOL void bufferevent_openssl_set_allow_dirty_shutdown(struct bufferevent *bev, int allow_dirty_shutdown);

/* The SSL object in use. */
EVENT2_EXPORT_SYMBOL struct ssl_st *bufferevent_openssl_get_ssl(struct bufferevent *bufev);

/* Start a renegotiation. */
EVENT2_EXPORT_SYMBOL int bufferevent_ssl_renegotiate(struct bufferevent *bev);

/* Pop the oldest OpenSSL error recorded for this bufferevent (0: none). */
EVENT2_EXPORT_SYMBOL unsigned long bufferevent_get_openssl_error(struct bufferevent *bev);

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_BUFFEREVENT_SSL_H */
