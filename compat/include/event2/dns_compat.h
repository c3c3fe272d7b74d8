/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/dns_compat.h: the libevent 1.x resolver API working on one global
 * evdns_base.  Deprecated: use the evdns_base_* functions. */
#ifndef EVCXX_EVENT2_DNS_COMPAT_H
#define EVCXX_EVENT2_DNS_COMPAT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_DNS_COMPAT_H_INCLUDED_

#include <event2/event-config.h>
#include <sys/types.h>
#include <sys/time.h>
#include <event2/util.h>
#include <event2/visibility.h>
#include <event2/dns.h>

#ifdef __cplusplus
extern "C" {
#endif

struct evdns_base;
struct evdns_server_port;
struct in_addr;
struct in6_addr;

/* Create the global resolver on the global event base. */
EVENT2_EXPORT_SYMBOL int evdns_init(void);
/* The global resolver (NULL before evdns_init()). */
EVENT2_EXPORT_SYMBOL struct evdns_base *evdns_get_global_base(void);
/* Free the global resolver. */
EVENT2_EXPORT_SYMBOL void evdns_shutdown(int fail_requests);

/* Name-server management on the global resolver. */
EVENT2_EXPORT_SYMBOL int evdns_nameserver_add(unsigned long int address);
EVENT2_EXPORT_SYMBOL int evdns_count_nameservers(void);
EVENT2_EXPORT_SYMBOL int evdns_clear_nameservers_and_suspend(void);
EVENT2_EXPORT_SYMBOL int evdns_resume(void);
EVENT2_EXPORT_SYMBOL int evdns_nameserver_ip_add(const char *ip_as_string);

/* Queries on the global resolver (0 on success, -1 on failure). */
EVENT2_EXPORT_SYMBOL int evdns_resolve_ipv4(const char *name, int flags, evdns_callback_type callback, void *ptr);
EVENT2_EXPORT_SYMBOL int evdns_resolve_ipv6(const char *name, int flags, evdns_callback_type callback, void *ptr);
EVENT2_EXPORT_SYMBOL int evdns_resolve_reverse(const struct in_addr *in, int flags, evdns_callback_type callback, void *ptr);
EVENT2_EXPORT_SYMBOL int evdns_resolve_reverse_ipv6(const struct in6_addr *in, int flags, evdns_callback_type callback, void *ptr);

/* Configuration of the global resolver (flags argument is ignored). */
EVENT2_EXPORT_SYMBOL int evdns_set_option(const char *option, const char *val, int flags);
EVENT2_EXPORT_SYMBOL int evdns_resolv_conf_parse(int flags, const char *const filename);
EVENT2_EXPORT_SYMBOL void evdns_search_clear(void);
EVENT2_EXPORT_SYMBOL void evdns_search_add(const char *domain);
EVENT2_EXPORT_SYMBOL void evdns_search_ndots_set(const int ndots);

/* DNS server on the global event base. */
EVENT2_EXPORT_SYMBOL struct evdns_server_port *evdns_add_server_port(evutil_socket_t socket, int flags, evdns_request_callback_fn_type callback, void *user_data);

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_DNS_COMPAT_H */
