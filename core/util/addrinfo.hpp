// Blocking name resolution behind evutil_getaddrinfo/freeaddrinfo and
// evutil_gai_strerror, plus addrinfo nodes the library builds itself.
#pragma once
#include <netdb.h>
#include <sys/socket.h>

namespace evcxx::util {

// ai_flags bit marking nodes allocated by the library (through evcxx::mm)
// rather than by libc (EVUTIL_AI_LIBEVENT_ALLOCATED).
inline constexpr int kLibraryAllocated = static_cast<int>(0x80000000u);

// EVUTIL_EAI_CANCEL: a request cancelled with evdns_getaddrinfo_cancel().
inline constexpr int kEaiCancel = -90001;

// libc getaddrinfo(), as upstream's Linux build uses it: null hints mean
// AF_UNSPEC with no flags, and kLibraryAllocated is cleared from the flags
// given to libc. Returns 0 or an EAI_* code.
int getaddrinfo(const char *node, const char *service, const addrinfo *hints, addrinfo **res);

// Frees a list whose nodes come from libc getaddrinfo(), make_addrinfo(),
// or both; null is a no-op.
void freeaddrinfo(addrinfo *ai);

// Nodes for address sa with the hints' family-independent fields. Without a
// socktype or protocol in hints this is two nodes, SOCK_STREAM/IPPROTO_TCP
// then SOCK_DGRAM/IPPROTO_UDP, as upstream's resolver returns them. Null when
// out of memory.
addrinfo *make_addrinfo(const sockaddr *sa, socklen_t len, const addrinfo &hints);

// Upstream's texts for the EAI codes it names (and 0); libc's otherwise.
const char *gai_strerror(int err);

} // namespace evcxx::util
