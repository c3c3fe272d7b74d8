/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/http_struct.h: the layout of struct evhttp_request, for old code
 * that reads its fields.  Use the evhttp_request_get_* accessors instead. */
#ifndef EVCXX_EVENT2_HTTP_STRUCT_H
#define EVCXX_EVENT2_HTTP_STRUCT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_HTTP_STRUCT_H_INCLUDED_

#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <event2/util.h>
#include <event2/http.h>

#ifdef __cplusplus
extern "C" {
#endif

struct evhttp_connection;
struct evhttp_request;
struct evkeyvalq;
struct evhttp_uri;
struct evbuffer;

/* Bits of evhttp_request.flags. */
#define EVHTTP_REQ_OWN_CONNECTION 0x0001
#define EVHTTP_PROXY_REQUEST 0x0002
#define EVHTTP_USER_OWNED 0x0004
#define EVHTTP_REQ_DEFER_FREE 0x0008
#define EVHTTP_REQ_NEEDS_FREE 0x0010

/* An HTTP request or response (allocated by the library, 216 bytes). */
struct evhttp_request {
	struct {			/* linkage, same shape as TAILQ_ENTRY */
		struct evhttp_request *tqe_next;
		struct evhttp_request **tqe_prev;
	} next;

	struct evhttp_connection *evcon;
	int flags;			/* EVHTTP_REQ_* and friends */

	struct evkeyvalq *input_headers;
	struct evkeyvalq *output_headers;

	char *remote_host;
	ev_uint16_t remote_port;

	char *host_cache;		/* cached evhttp_request_get_host() */

	enum evhttp_request_kind kind;
	enum evhttp_cmd_type type;

	size_t headers_size;
	size_t body_size;

	char *uri;
	struct evhttp_uri *uri_elems;

	char major;			/* HTTP version */
	char minor;

	int response_code;
	char *response_code_line;

	struct evbuffer *input_buffer;
	ev_int64_t ntoread;
	unsigned chunked:1,		/* chunked transfer encoding */
	    userdone:1;			/* the user finished the reply */

	struct evbuffer *output_buffer;

	void (*cb)(struct evhttp_request *, void *);
	void *cb_arg;

	void (*chunk_cb)(struct evhttp_request *, void *);
	int (*header_cb)(struct evhttp_request *, void *);
	void (*error_cb)(enum evhttp_request_error, void *);

	void (*on_complete_cb)(struct evhttp_request *, void *);
	void *on_complete_cb_arg;
};

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_HTTP_STRUCT_H */
