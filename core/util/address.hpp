// Textual IPv4/IPv6 addresses and socket addresses: the engine behind
// evutil_inet_pton(_scope), evutil_inet_ntop, evutil_parse_sockaddr_port and
// evutil_sockaddr_cmp. Inputs are length-delimited; a NUL inside the text is
// just a character no grammar accepts.
#pragma once
#include <cstddef>
#include <string_view>

#include <netinet/in.h>
#include <sys/socket.h>

namespace evcxx::util {

// dotted-quad = octet "." octet "." octet "." octet
// octet       = 1*DIGIT with a value of at most 255 (leading zeros allowed,
//               read as decimal, as upstream does)
bool parse_ipv4(std::string_view text, in_addr &out);

// RFC 4291 text form: eight groups of 1-4 hex digits separated by ':', at
// most one "::" standing for one or more zero groups, and optionally a
// dotted quad in place of the last two groups.
bool parse_ipv6(std::string_view text, in6_addr &out);

// inet_pton() conventions: 1 parsed, 0 malformed, -1 unsupported family.
int inet_pton(int af, std::string_view text, void *dst);

// As inet_pton, but AF_INET6 text may end in "%zone", an interface name or
// a decimal interface index, stored in *scope (0 when there is none).
int inet_pton_scope(int af, std::string_view text, void *dst, unsigned *scope);

// Format an in_addr/in6_addr the way upstream does (IPv4-mapped and
// IPv4-compatible addresses in dotted form). Returns dst, or nullptr when
// the family is unknown or the text (with its NUL) does not fit in len.
const char *inet_ntop(int af, const void *src, char *dst, size_t len);

// Parse "ipv4", "ipv4:port", "ipv6", "[ipv6]" or "[ipv6]:port" (port
// 1-65535) into out, whose size *outlen gives on entry and receives the
// sockaddr's size on success. Returns 0, or -1 on malformed text or a too
// small buffer.
int parse_sockaddr_port(std::string_view text, sockaddr *out, int *outlen);

// Order by family, then address, then (if include_port) port, with
// upstream's exact results. Addresses of other families compare unequal.
int sockaddr_cmp(const sockaddr *a, const sockaddr *b, bool include_port);

} // namespace evcxx::util
