/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/rpc_struct.h: the status record passed to RPC completion callbacks
 * and the registration record of a server-side RPC. */
#ifndef EVCXX_EVENT2_RPC_STRUCT_H
#define EVCXX_EVENT2_RPC_STRUCT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_RPC_STRUCT_H_INCLUDED_

#if !defined(TAILQ_ENTRY) && !defined(EVENT_DEFINED_TQENTRY_)
#define EVENT_DEFINED_TQENTRY_
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct evbuffer;
struct evhttp_request;
struct evrpc_req_generic;
struct evrpc_base;
struct evrpc;

/* Values of evrpc_status.error. */
#define EVRPC_STATUS_ERR_NONE 0
#define EVRPC_STATUS_ERR_TIMEOUT 1
#define EVRPC_STATUS_ERR_BADPAYLOAD 2
#define EVRPC_STATUS_ERR_UNSTARTED 3
#define EVRPC_STATUS_ERR_HOOKABORTED 4

/* Outcome of a client RPC. */
struct evrpc_status {
	int error;			/* EVRPC_STATUS_ERR_* */
	struct evhttp_request *http_req;
};

/* A registered RPC and its message functions. */
struct evrpc {
	struct {			/* linkage, same shape as TAILQ_ENTRY */
		struct evrpc *tqe_next;
		struct evrpc **tqe_prev;
	} next;

	const char *uri;		/* "/.rpc.<name>" */

	void *(*request_new)(void *);
	void *request_new_arg;
	void (*request_free)(void *);
	int (*request_unmarshal)(void *, struct evbuffer *);

	void *(*reply_new)(void *);
	void *reply_new_arg;
	void (*reply_free)(void *);
	int (*reply_complete)(void *);
	void (*reply_marshal)(struct evbuffer *, void *);

	void (*cb)(struct evrpc_req_generic *, void *);
	void *cb_arg;

	struct evrpc_base *base;
};

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_RPC_STRUCT_H */
