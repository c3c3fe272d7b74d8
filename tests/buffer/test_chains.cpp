// Chain layout: growth sizes, prepending, reserve/commit, pullup, and the
// shape invariants every operation must keep.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <thread>

#include "core/buffer/buffer.hpp"
#include "tests/buffer/buffer_fixture.hpp"

using namespace buffer_test;
using evcxx::buffer::Chain;

namespace {

// The structure's own bookkeeping agrees with its chains.
void check_shape(evbuffer *b)
{
	size_t total = 0;
	Chain *last = nullptr, *last_with_data = nullptr;
	for (Chain *c = b->first; c; c = c->next) {
		total += c->off;
		if (c->off)
			last_with_data = c;
		last = c;
		REQUIRE(c->misalign + c->off <= c->capacity);
	}
	REQUIRE(total == b->total);
	REQUIRE(b->last == last);
	if (last_with_data)
		REQUIRE(*b->last_data == last_with_data);
	else
		REQUIRE(b->last_data == &b->first);
}

} // namespace

TEST_CASE("chain storage follows upstream's sizes", "[buffer]")
{
	Buf b;
	evbuffer_iovec v[2];
	REQUIRE(evbuffer_reserve_space(b, 1, v, 1) == 1);
	CHECK(v[0].iov_len == 1024 - 48);
	REQUIRE(evbuffer_add(b, "hello", 5) == 0);
	CHECK(chain_sizes(b) == std::vector<size_t>{5});
	REQUIRE(evbuffer_reserve_space(b, 2000, v, 1) == 1);
	CHECK(v[0].iov_len == 4096 - 48 - 5);
	check_shape(b);
}

TEST_CASE("small adds fill one chain, big ones grow geometrically", "[buffer]")
{
	Buf b;
	std::string piece(300, 'x');
	for (int i = 0; i < 3; ++i)
		evbuffer_add(b, piece.data(), piece.size());
	CHECK(chain_sizes(b) == std::vector<size_t>{900});
	evbuffer_add(b, piece.data(), piece.size());
	// 76 bytes fit in the first chain; the rest starts a chain twice its size.
	CHECK(chain_sizes(b) == std::vector<size_t>{976, 224});
	check_shape(b);
	CHECK(contents(b) == std::string(1200, 'x'));
}

TEST_CASE("prepend fills the space before the data, then adds a chain in front", "[buffer]")
{
	Buf b;
	evbuffer_add(b, "world", 5);
	evbuffer_drain(b, 0);
	REQUIRE(evbuffer_prepend(b, "hello ", 6) == 0);
	CHECK(contents(b) == "hello world");
	CHECK(chains(b).size() == 2);
	evbuffer_drain(b, 3);
	REQUIRE(evbuffer_prepend(b, "HEL", 3) == 0);
	CHECK(contents(b) == "HELlo world");
	CHECK(chains(b).size() == 2);
	check_shape(b);
	Buf empty;
	REQUIRE(evbuffer_prepend(empty, "x", 1) == 0);
	CHECK(contents(empty) == "x");
	check_shape(empty);
}

TEST_CASE("reserve and commit write in place", "[buffer]")
{
	Buf b;
	evbuffer_iovec v[3];
	int n = evbuffer_reserve_space(b, 3000, v, 3);
	REQUIRE(n >= 1);
	size_t room = 0;
	for (int i = 0; i < n; ++i)
		room += v[i].iov_len;
	REQUIRE(room >= 3000);
	CHECK(evbuffer_get_length(b) == 0);
	memset(v[0].iov_base, 'a', v[0].iov_len);
	v[0].iov_len = 10;
	REQUIRE(evbuffer_commit_space(b, v, 1) == 0);
	CHECK(contents(b) == std::string(10, 'a'));
	check_shape(b);
	SECTION("a second commit of the same vectors fails")
	{
		v[0].iov_len = 5000;
		CHECK(evbuffer_commit_space(b, v, 1) == -1);
		CHECK(evbuffer_get_length(b) == 10);
	}
	SECTION("committing a foreign pointer fails and changes nothing")
	{
		char other[4];
		evbuffer_iovec bad{other, 4};
		CHECK(evbuffer_commit_space(b, &bad, 1) == -1);
		CHECK(evbuffer_get_length(b) == 10);
	}
	SECTION("committing nothing succeeds")
	{
		CHECK(evbuffer_commit_space(b, v, 0) == 0);
	}
}

TEST_CASE("reserve over several chains hands out each chain's space", "[buffer]")
{
	Buf b;
	evbuffer_add(b, std::string(900, '0').data(), 900);
	evbuffer_iovec v[2];
	REQUIRE(evbuffer_reserve_space(b, 5000, v, 2) == 2);
	CHECK(v[0].iov_len == 76);
	CHECK(v[0].iov_len + v[1].iov_len >= 5000);
	memset(v[0].iov_base, '1', v[0].iov_len);
	memset(v[1].iov_base, '2', 7);
	v[1].iov_len = 7;
	REQUIRE(evbuffer_commit_space(b, v, 2) == 0);
	CHECK(evbuffer_get_length(b) == 900 + 76 + 7);
	CHECK(contents(b).substr(900) == std::string(76, '1') + "2222222");
	check_shape(b);
}

TEST_CASE("pullup makes a prefix contiguous and keeps the rest", "[buffer]")
{
	std::vector<std::string> parts{"abc", "defg", "hi", "jklmn"};
	Buf b(from_pieces(parts));
	unsigned char *p = evbuffer_pullup(b, 6);
	REQUIRE(p != nullptr);
	CHECK(std::string(reinterpret_cast<char *>(p), 6) == "abcdef");
	CHECK(chain_sizes(b) == std::vector<size_t>{6, 1, 2, 5});
	CHECK(contents(b) == "abcdefghijklmn");
	check_shape(b);
	p = evbuffer_pullup(b, -1);
	REQUIRE(p != nullptr);
	CHECK(std::string(reinterpret_cast<char *>(p), 14) == "abcdefghijklmn");
	CHECK(chains(b).size() == 1);
	check_shape(b);
	CHECK(evbuffer_pullup(b, 15) == nullptr);
	CHECK(evbuffer_pullup(b, 0) == nullptr);
	Buf empty;
	CHECK(evbuffer_pullup(empty, -1) == nullptr);
}

TEST_CASE("pullup never writes into memory added by reference", "[buffer]")
{
	const char ref[] = "reference";
	Buf b;
	evbuffer_add_reference(b, ref, 9, nullptr, nullptr);
	evbuffer_add(b, "+tail", 5);
	REQUIRE(evbuffer_pullup(b, -1) != nullptr);
	CHECK(std::string(ref) == "reference");
	CHECK(contents(b) == "reference+tail");
}

TEST_CASE("drain frees whole chains and trims the next", "[buffer]")
{
	std::vector<std::string> parts{"abc", "defg", "hi"};
	Buf b(from_pieces(parts));
	REQUIRE(evbuffer_drain(b, 5) == 0);
	CHECK(contents(b) == "fghi");
	CHECK(chain_sizes(b) == std::vector<size_t>{2, 2});
	check_shape(b);
	REQUIRE(evbuffer_drain(b, 100) == 0);
	CHECK(evbuffer_get_length(b) == 0);
	CHECK(b.b->first == nullptr);
	check_shape(b);
}

TEST_CASE("expand leaves room for the requested bytes in one chain", "[buffer]")
{
	Buf b;
	evbuffer_add(b, "x", 1);
	REQUIRE(evbuffer_expand(b, 10000) == 0);
	evbuffer_iovec v;
	REQUIRE(evbuffer_reserve_space(b, 10000, &v, 1) == 1);
	CHECK(v.iov_len >= 10000);
	CHECK(contents(b) == "x");
	check_shape(b);
}

TEST_CASE("sizes near SIZE_MAX fail and leave the buffer intact (CVE-2014-6272)", "[buffer]")
{
	Buf b;
	evbuffer_add(b, "intact", 6);
	static char src[16];
	evbuffer_iovec v[2];
	CHECK(evbuffer_expand(b, SIZE_MAX - 10) == -1);
	CHECK(evbuffer_expand(b, static_cast<size_t>(INT64_MAX)) == -1);
	CHECK(evbuffer_add(b, src, SIZE_MAX - 10) == -1);
	CHECK(evbuffer_prepend(b, src, SIZE_MAX - 3) == -1);
	CHECK(evbuffer_reserve_space(b, INT64_MAX, v, 1) == -1);
	CHECK(evbuffer_reserve_space(b, INT64_MAX - 1, v, 2) == -1);
	CHECK(evbuffer_add_reference(b, src, SIZE_MAX - 2, nullptr, nullptr) == -1);
	evbuffer_iovec huge[2] = {{src, SIZE_MAX - 1}, {src, 8}};
	CHECK(evbuffer_add_iovec(b, huge, 2) == 0);
	const char *volatile fmt = "%2147483648d"; // width past INT_MAX: vsnprintf fails
	CHECK(evbuffer_add_printf(b, fmt, 1) == -1);
	CHECK(contents(b) == "intact");
	check_shape(b);
}

TEST_CASE("add_printf grows as needed", "[buffer]")
{
	Buf b;
	std::string big(100000, 'q');
	CHECK(evbuffer_add_printf(b, "<%s>%d", big.c_str(), 7) == 100003);
	CHECK(contents(b) == "<" + big + ">7");
	check_shape(b);
}

TEST_CASE("add_iovec appends every vector", "[buffer]")
{
	Buf b;
	std::string a(10, 'a'), c(3000, 'c');
	evbuffer_iovec v[3] = {{&a[0], a.size()}, {&c[0], c.size()}, {&a[0], 2}};
	CHECK(evbuffer_add_iovec(b, v, 3) == 3012);
	CHECK(contents(b) == a + c + "aa");
	check_shape(b);
}

TEST_CASE("NULL arguments are refused without a crash", "[buffer]")
{
	CHECK(evbuffer_add(nullptr, "x", 1) == -1);
	CHECK(evbuffer_get_length(nullptr) == 0);
	CHECK(evbuffer_drain(nullptr, 1) == -1);
	CHECK(evbuffer_pullup(nullptr, -1) == nullptr);
	CHECK(evbuffer_readln(nullptr, nullptr, EVBUFFER_EOL_LF) == nullptr);
	CHECK(evbuffer_add_buffer(nullptr, nullptr) == -1);
	Buf b;
	CHECK(evbuffer_add(b, nullptr, 3) == -1);
	CHECK(evbuffer_remove_cb_entry(b, nullptr) == -1);
	evbuffer_free(nullptr);
}

TEST_CASE("a prepend that cannot get memory changes nothing", "[buffer]")
{
	Buf b;
	evbuffer_add(b, "0123456789", 10);
	evbuffer_drain(b, 5); // room for 5 bytes before the data
	static char src[16];
	CHECK(evbuffer_prepend(b, src, static_cast<size_t>(INT64_MAX)) == -1);
	CHECK(contents(b) == "56789");
	REQUIRE(evbuffer_prepend(b, "abcde", 5) == 0);
	CHECK(chains(b).size() == 1);
	check_shape(b);
}

TEST_CASE("a drained chain is reused only where upstream would allocate its size", "[buffer]")
{
	Buf b;
	evbuffer_iovec v[1];
	REQUIRE(evbuffer_reserve_space(b, 4096, v, 1) == 1);
	CHECK(v[0].iov_len == 8192 - 48);
	v[0].iov_len = 4096;
	REQUIRE(evbuffer_commit_space(b, v, 1) == 0);
	REQUIRE(evbuffer_drain(b, 4096) == 0);
	// The kept 8 KiB chain does not serve a request upstream gives 1 KiB.
	REQUIRE(evbuffer_reserve_space(b, 100, v, 1) == 1);
	CHECK(v[0].iov_len == 1024 - 48);
	REQUIRE(evbuffer_add(b, "abc", 3) == 0);
	REQUIRE(evbuffer_drain(b, 3) == 0);
	REQUIRE(evbuffer_reserve_space(b, 4000, v, 1) == 1);
	CHECK(v[0].iov_len == 4096 - 48);
	REQUIRE(evbuffer_add(b, "abc", 3) == 0);
	REQUIRE(evbuffer_drain(b, 3) == 0);
	REQUIRE(evbuffer_reserve_space(b, 4096, v, 1) == 1);
	CHECK(v[0].iov_len == 8192 - 48);
	check_shape(b);
	// Filled and emptied again and again, the layout stays the same.
	for (int i = 0; i < 3; ++i) {
		REQUIRE(evbuffer_add(b, "hello", 5) == 0);
		CHECK(chain_sizes(b) == std::vector<size_t>{5});
		char out[5];
		REQUIRE(evbuffer_remove(b, out, 5) == 5);
		CHECK(evbuffer_get_length(b) == 0);
		check_shape(b);
	}
}

TEST_CASE("a chain another buffer still views is never reused", "[buffer]")
{
	Buf a, view;
	REQUIRE(evbuffer_add(a, "hello", 5) == 0);
	REQUIRE(evbuffer_add_buffer_reference(view, a) == 0);
	REQUIRE(evbuffer_drain(a, 5) == 0);
	REQUIRE(evbuffer_add(a, "XXXXX", 5) == 0);
	CHECK(contents(view) == "hello");
	CHECK(contents(a) == "XXXXX");
}

TEST_CASE("threads with buffers of their own share the kept chain safely", "[buffer]")
{
	// Chains drained in one thread's buffers are reused by the other's
	// (one slot for the process): contents and sizes must never mix.
	auto worker = [](char tag) {
		Buf b;
		std::string block(4096, tag), small(64, tag);
		char out[4096];
		bool ok = true;
		for (int i = 0; i < 2000 && ok; ++i) {
			const std::string &piece = i % 3 ? small : block;
			ok = evbuffer_add(b, piece.data(), piece.size()) == 0 &&
			     evbuffer_remove(b, out, piece.size()) == static_cast<int>(piece.size()) &&
			     memcmp(out, piece.data(), piece.size()) == 0 && evbuffer_get_length(b) == 0;
		}
		return ok;
	};
	bool ok_a = false, ok_b = false;
	std::thread other([&] { ok_b = worker('b'); });
	ok_a = worker('a');
	other.join();
	CHECK(ok_a);
	CHECK(ok_b);
}
