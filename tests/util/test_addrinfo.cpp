// evutil_getaddrinfo/evutil_freeaddrinfo/evutil_gai_strerror. On Linux
// libevent 2.1.12 hands the request to libc getaddrinfo(); the expectations
// below are what Debian's build returned for the same calls.
#include <catch2/catch.hpp>

#include <event2/util.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/util/addrinfo.hpp"
#include "core/util/mm.hpp"

namespace {

struct Entry {
	int family, socktype, protocol;
	std::string address;
	int port;
	bool operator==(const Entry &) const = default;
};

std::ostream &operator<<(std::ostream &os, const Entry &e)
{
	return os << "{" << e.family << "," << e.socktype << "," << e.protocol << "," << e.address << ":" << e.port << "}";
}

std::vector<Entry> entries(const evutil_addrinfo *ai)
{
	std::vector<Entry> out;
	for (; ai; ai = ai->ai_next) {
		char text[64] = "?";
		int port = -1;
		if (ai->ai_family == AF_INET) {
			const auto *sin = reinterpret_cast<const sockaddr_in *>(ai->ai_addr);
			evutil_inet_ntop(AF_INET, &sin->sin_addr, text, sizeof text);
			port = ntohs(sin->sin_port);
		} else if (ai->ai_family == AF_INET6) {
			const auto *sin6 = reinterpret_cast<const sockaddr_in6 *>(ai->ai_addr);
			evutil_inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof text);
			port = ntohs(sin6->sin6_port);
		}
		out.push_back({ai->ai_family, ai->ai_socktype, ai->ai_protocol, text, port});
	}
	return out;
}

evutil_addrinfo hints_of(int family, int socktype, int flags)
{
	evutil_addrinfo h;
	std::memset(&h, 0, sizeof h);
	h.ai_family = family;
	h.ai_socktype = socktype;
	h.ai_flags = flags;
	return h;
}

} // namespace

TEST_CASE("evutil_getaddrinfo resolves numeric hosts with libc's three socket types", "[util]")
{
	evutil_addrinfo *ai = nullptr;
	REQUIRE(evutil_getaddrinfo("127.0.0.1", "80", nullptr, &ai) == 0);
	const std::vector<Entry> expected = {
		{AF_INET, SOCK_STREAM, IPPROTO_TCP, "127.0.0.1", 80},
		{AF_INET, SOCK_DGRAM, IPPROTO_UDP, "127.0.0.1", 80},
		{AF_INET, SOCK_RAW, 0, "127.0.0.1", 80},
	};
	CHECK(entries(ai) == expected);
	CHECK(ai->ai_flags == 0);
	evutil_freeaddrinfo(ai);

	const evutil_addrinfo stream = hints_of(AF_UNSPEC, SOCK_STREAM, 0);
	REQUIRE(evutil_getaddrinfo("1.2.3.4", "99999", &stream, &ai) == 0);
	CHECK(entries(ai) == std::vector<Entry>{{AF_INET, SOCK_STREAM, IPPROTO_TCP, "1.2.3.4", 34463}});
	evutil_freeaddrinfo(ai);

	const evutil_addrinfo none = hints_of(AF_UNSPEC, 0, 0);
	REQUIRE(evutil_getaddrinfo("::1", "443", &none, &ai) == 0);
	CHECK(entries(ai).size() == 3);
	CHECK(entries(ai)[0] == Entry{AF_INET6, SOCK_STREAM, IPPROTO_TCP, "::1", 443});
	evutil_freeaddrinfo(ai);
}

TEST_CASE("evutil_getaddrinfo with a null node", "[util]")
{
	evutil_addrinfo *ai = nullptr;
	const evutil_addrinfo passive = hints_of(AF_INET, SOCK_STREAM, EVUTIL_AI_PASSIVE);
	REQUIRE(evutil_getaddrinfo(nullptr, "8080", &passive, &ai) == 0);
	CHECK(entries(ai) == std::vector<Entry>{{AF_INET, SOCK_STREAM, IPPROTO_TCP, "0.0.0.0", 8080}});
	evutil_freeaddrinfo(ai);

	const evutil_addrinfo active = hints_of(AF_INET, SOCK_STREAM, 0);
	REQUIRE(evutil_getaddrinfo(nullptr, "8080", &active, &ai) == 0);
	CHECK(entries(ai) == std::vector<Entry>{{AF_INET, SOCK_STREAM, IPPROTO_TCP, "127.0.0.1", 8080}});
	evutil_freeaddrinfo(ai);

	const evutil_addrinfo none = hints_of(AF_UNSPEC, 0, 0);
	CHECK(evutil_getaddrinfo(nullptr, nullptr, &none, &ai) == EVUTIL_EAI_NONAME);
}

TEST_CASE("evutil_getaddrinfo resolves localhost", "[util]")
{
	evutil_addrinfo *ai = nullptr;
	const evutil_addrinfo hints = hints_of(AF_INET, SOCK_STREAM, 0);
	REQUIRE(evutil_getaddrinfo("localhost", "80", &hints, &ai) == 0);
	CHECK(entries(ai) == std::vector<Entry>{{AF_INET, SOCK_STREAM, IPPROTO_TCP, "127.0.0.1", 80}});
	evutil_freeaddrinfo(ai);
}

TEST_CASE("evutil_getaddrinfo passes flags and errors through", "[util]")
{
	evutil_addrinfo *ai = nullptr;
	// The library-allocated marker is cleared before libc sees the flags.
	const evutil_addrinfo marked = hints_of(AF_UNSPEC, SOCK_STREAM, int(0x80000000u));
	REQUIRE(evutil_getaddrinfo("1.2.3.4", nullptr, &marked, &ai) == 0);
	CHECK(ai->ai_flags == 0);
	evutil_freeaddrinfo(ai);

	const evutil_addrinfo numeric = hints_of(AF_UNSPEC, 0, EVUTIL_AI_NUMERICHOST);
	CHECK(evutil_getaddrinfo("example.invalid", nullptr, &numeric, &ai) == EVUTIL_EAI_NONAME);
	const evutil_addrinfo numserv = hints_of(AF_UNSPEC, 0, EVUTIL_AI_NUMERICSERV);
	CHECK(evutil_getaddrinfo("1.2.3.4", "http", &numserv, &ai) == EVUTIL_EAI_NONAME);
	const evutil_addrinfo v6 = hints_of(AF_INET6, 0, 0);
	CHECK(evutil_getaddrinfo("1.2.3.4", nullptr, &v6, &ai) == EVUTIL_EAI_ADDRFAMILY);
	const evutil_addrinfo family = hints_of(12345, 0, 0);
	CHECK(evutil_getaddrinfo("1.2.3.4", nullptr, &family, &ai) == EVUTIL_EAI_FAMILY);
	const evutil_addrinfo bad = hints_of(AF_UNSPEC, 0, 0x4000000);
	CHECK(evutil_getaddrinfo("1.2.3.4", nullptr, &bad, &ai) == EVUTIL_EAI_BADFLAGS);

	const evutil_addrinfo mapped = hints_of(AF_INET6, SOCK_DGRAM, EVUTIL_AI_V4MAPPED | EVUTIL_AI_CANONNAME);
	REQUIRE(evutil_getaddrinfo("1.2.3.4", "53", &mapped, &ai) == 0);
	CHECK(entries(ai) == std::vector<Entry>{{AF_INET6, SOCK_DGRAM, IPPROTO_UDP, "::ffff:1.2.3.4", 53}});
	REQUIRE(ai->ai_canonname);
	CHECK(std::string(ai->ai_canonname) == "1.2.3.4");
	evutil_freeaddrinfo(ai);
}

namespace {
int library_allocations = 0;
int library_frees = 0;
void *counting_malloc(size_t n) { ++library_allocations; return std::malloc(n); }
void *counting_realloc(void *p, size_t n) { return std::realloc(p, n); }
void counting_free(void *p) { if (p) ++library_frees; std::free(p); }
} // namespace

TEST_CASE("library-built addrinfo nodes come in stream/datagram pairs and free cleanly", "[util]")
{
	library_allocations = library_frees = 0;
	evcxx::mm::set_functions(counting_malloc, counting_realloc, counting_free);
	sockaddr_in sin{};
	sin.sin_family = AF_INET;
	sin.sin_port = htons(53);
	sin.sin_addr.s_addr = htonl(0x7f000001);
	evutil_addrinfo hints = hints_of(AF_UNSPEC, 0, EVUTIL_AI_PASSIVE);
	evutil_addrinfo *ours = evcxx::util::make_addrinfo(reinterpret_cast<sockaddr *>(&sin), sizeof sin, hints);
	REQUIRE(ours);
	CHECK(entries(ours) == std::vector<Entry>{{AF_INET, SOCK_STREAM, IPPROTO_TCP, "127.0.0.1", 53},
	                                          {AF_INET, SOCK_DGRAM, IPPROTO_UDP, "127.0.0.1", 53}});
	CHECK(ours->ai_flags == (EVUTIL_AI_PASSIVE | evcxx::util::kLibraryAllocated));
	CHECK(ours->ai_addrlen == sizeof sin);
	ours->ai_canonname = evcxx::mm::strdup("name");

	// A list mixing our nodes and libc's is released node by node.
	evutil_addrinfo *from_libc = nullptr;
	REQUIRE(evutil_getaddrinfo("1.2.3.4", "1", nullptr, &from_libc) == 0);
	ours->ai_next->ai_next = from_libc;
	evutil_freeaddrinfo(ours);
	evcxx::mm::set_functions(nullptr, nullptr, nullptr);
	CHECK(library_allocations == 3);
	CHECK(library_frees == 3);

	hints.ai_socktype = SOCK_DGRAM;
	evutil_addrinfo *one = evcxx::util::make_addrinfo(reinterpret_cast<sockaddr *>(&sin), sizeof sin, hints);
	REQUIRE(one);
	CHECK(one->ai_next == nullptr);
	CHECK(one->ai_socktype == SOCK_DGRAM);
	CHECK(one->ai_protocol == 0);
	evutil_freeaddrinfo(one);
	evutil_freeaddrinfo(nullptr);
}

TEST_CASE("evutil_gai_strerror uses upstream's texts", "[util]")
{
	const std::pair<int, const char *> texts[] = {
		{0, "No error"},
		{EVUTIL_EAI_CANCEL, "Request canceled"},
		{EVUTIL_EAI_ADDRFAMILY, "address family for nodename not supported"},
		{EVUTIL_EAI_AGAIN, "temporary failure in name resolution"},
		{EVUTIL_EAI_BADFLAGS, "invalid value for ai_flags"},
		{EVUTIL_EAI_FAIL, "non-recoverable failure in name resolution"},
		{EVUTIL_EAI_FAMILY, "ai_family not supported"},
		{EVUTIL_EAI_MEMORY, "memory allocation failure"},
		{EVUTIL_EAI_NODATA, "no address associated with nodename"},
		{EVUTIL_EAI_NONAME, "nodename nor servname provided, or not known"},
		{EVUTIL_EAI_SERVICE, "servname not supported for ai_socktype"},
		{EVUTIL_EAI_SOCKTYPE, "ai_socktype not supported"},
		{EVUTIL_EAI_SYSTEM, "system error"},
		// glibc's numbers, which Debian's build was compiled with.
		{-5, "no address associated with nodename"},
		{-9, "address family for nodename not supported"},
	};
	for (const auto &[code, text] : texts) {
		INFO(code);
		CHECK(std::string(evutil_gai_strerror(code)) == text);
	}
	// Anything else is libc's.
	for (int code : {-12, -100, -101, -104, 1, 12345, -907})
		CHECK(std::string(evutil_gai_strerror(code)) == gai_strerror(code));
}
