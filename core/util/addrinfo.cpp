#include "core/util/addrinfo.hpp"

#include <cstring>

#include <netinet/in.h>

#include "core/util/mm.hpp"

namespace evcxx::util {

int getaddrinfo(const char *node, const char *service, const addrinfo *hints, addrinfo **res)
{
	addrinfo request;
	std::memset(&request, 0, sizeof request);
	if (hints)
		request = *hints;
	else
		request.ai_family = AF_UNSPEC;
	request.ai_flags &= ~kLibraryAllocated;
	return ::getaddrinfo(node, service, &request, res);
}

void freeaddrinfo(addrinfo *ai)
{
	// Unlink and release our own nodes; whatever remains came from libc.
	addrinfo *from_libc = nullptr;
	addrinfo **tail = &from_libc;
	while (ai) {
		addrinfo *next = ai->ai_next;
		if (ai->ai_flags & kLibraryAllocated) {
			mm::release(ai->ai_canonname);
			mm::release(ai);
		} else {
			*tail = ai;
			tail = &ai->ai_next;
		}
		ai = next;
	}
	*tail = nullptr;
	if (from_libc)
		::freeaddrinfo(from_libc);
}

namespace {

// One node holding its own copy of sa right after the addrinfo.
addrinfo *make_node(const sockaddr *sa, socklen_t len, const addrinfo &hints, int socktype, int protocol)
{
	auto *node = static_cast<addrinfo *>(mm::zalloc(1, sizeof(addrinfo) + len));
	if (!node)
		return nullptr;
	node->ai_addr = reinterpret_cast<sockaddr *>(node + 1);
	std::memcpy(node->ai_addr, sa, len);
	node->ai_addrlen = len;
	node->ai_family = sa->sa_family;
	node->ai_socktype = socktype;
	node->ai_protocol = protocol;
	node->ai_flags = hints.ai_flags | kLibraryAllocated;
	return node;
}

} // namespace

addrinfo *make_addrinfo(const sockaddr *sa, socklen_t len, const addrinfo &hints)
{
	if (hints.ai_socktype != 0 || hints.ai_protocol != 0)
		return make_node(sa, len, hints, hints.ai_socktype, hints.ai_protocol);
	addrinfo *stream = make_node(sa, len, hints, SOCK_STREAM, IPPROTO_TCP);
	addrinfo *dgram = make_node(sa, len, hints, SOCK_DGRAM, IPPROTO_UDP);
	if (!stream || !dgram) {
		mm::release(stream);
		mm::release(dgram);
		return nullptr;
	}
	stream->ai_next = dgram;
	return stream;
}

const char *gai_strerror(int err)
{
	switch (err) {
	case kEaiCancel: return "Request canceled";
	case 0: return "No error";
	case EAI_ADDRFAMILY: return "address family for nodename not supported";
	case EAI_AGAIN: return "temporary failure in name resolution";
	case EAI_BADFLAGS: return "invalid value for ai_flags";
	case EAI_FAIL: return "non-recoverable failure in name resolution";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_MEMORY: return "memory allocation failure";
	case EAI_NODATA: return "no address associated with nodename";
	case EAI_NONAME: return "nodename nor servname provided, or not known";
	case EAI_SERVICE: return "servname not supported for ai_socktype";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SYSTEM: return "system error";
	default: return ::gai_strerror(err);
	}
}

} // namespace evcxx::util
