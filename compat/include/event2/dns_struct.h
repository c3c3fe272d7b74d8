/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/dns_struct.h: the request and question records handed to DNS
 * server callbacks (allocated and owned by the library). */
#ifndef EVCXX_EVENT2_DNS_STRUCT_H
#define EVCXX_EVENT2_DNS_STRUCT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_DNS_STRUCT_H_INCLUDED_

#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <event2/util.h>

#ifdef __cplusplus
extern "C" {
#endif

struct evdns_server_question;

/* An incoming DNS request. */
struct evdns_server_request {
	int flags;
	int nquestions;
	struct evdns_server_question **questions;
};

/* One question of a request; name is stored inline past the end. */
struct evdns_server_question {
	int type;
#ifdef __cplusplus
	int dns_question_class;	/* "class" is a C++ keyword */
#else
	int class;
	/* lets C code use the C++ spelling of the member */
#define dns_question_class class
#endif
	char name[1];
};

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_DNS_STRUCT_H */
