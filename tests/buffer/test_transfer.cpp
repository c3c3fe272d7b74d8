// Moving data between buffers relinks chains: the bytes stay where they
// are (checked by the addresses evbuffer_peek reports).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/buffer/buffer_fixture.hpp"

using namespace buffer_test;

namespace {

std::vector<void *> addresses(evbuffer *b)
{
	std::vector<void *> a;
	for (const evbuffer_iovec &v : chains(b))
		a.push_back(v.iov_base);
	return a;
}

std::vector<std::string> cleaned;
void note_cleanup(const void *data, size_t len, void *)
{
	cleaned.emplace_back(static_cast<const char *>(data), len);
}

} // namespace

TEST_CASE("add_buffer moves chains without copying", "[buffer]")
{
	Buf src, dst;
	std::string big(3000, 'b');
	evbuffer_add(src, "first", 5);
	evbuffer_add(src, big.data(), big.size());
	evbuffer_add(dst, "dst:", 4);
	const std::vector<void *> before = addresses(src);
	REQUIRE(evbuffer_add_buffer(dst, src) == 0);
	CHECK(evbuffer_get_length(src) == 0);
	CHECK(contents(dst) == "dst:first" + big);
	std::vector<void *> after = addresses(dst);
	REQUIRE(after.size() == before.size() + 1);
	CHECK(std::vector<void *>(after.begin() + 1, after.end()) == before);
	SECTION("and back into an empty buffer")
	{
		const std::vector<void *> all = addresses(dst);
		REQUIRE(evbuffer_add_buffer(src, dst) == 0);
		CHECK(addresses(src) == all);
	}
}

TEST_CASE("prepend_buffer puts the source's chains in front", "[buffer]")
{
	Buf src, dst;
	evbuffer_add(src, "head-", 5);
	evbuffer_add(dst, "tail", 4);
	void *head = addresses(src)[0], *tail = addresses(dst)[0];
	REQUIRE(evbuffer_prepend_buffer(dst, src) == 0);
	CHECK(contents(dst) == "head-tail");
	CHECK(addresses(dst) == std::vector<void *>{head, tail});
	CHECK(evbuffer_get_length(src) == 0);
	evbuffer_add(dst, "!", 1);
	CHECK(contents(dst) == "head-tail!");
}

TEST_CASE("remove_buffer moves whole chains and copies only the cut one", "[buffer]")
{
	std::vector<std::string> parts{"aaa", "bbbb", "cc", "ddddd"};
	Buf src(from_pieces(parts)), dst;
	const std::vector<void *> before = addresses(src);
	CHECK(evbuffer_remove_buffer(src, dst, 8) == 8);
	CHECK(contents(dst) == "aaabbbbc");
	CHECK(contents(src) == "cddddd");
	// The cut chain's byte was copied into the space after "bbbb".
	std::vector<void *> moved = addresses(dst);
	REQUIRE(moved.size() == 2);
	CHECK(moved[0] == before[0]);
	CHECK(moved[1] == before[1]);
	CHECK(addresses(src)[0] == static_cast<char *>(before[2]) + 1);
	CHECK(addresses(src)[1] == before[3]);
	CHECK(evbuffer_remove_buffer(src, dst, 100) == 6);
	CHECK(contents(dst) == "aaabbbbccddddd");
	CHECK(evbuffer_remove_buffer(src, dst, 1) == 0);
	CHECK(evbuffer_remove_buffer(dst, dst, 1) == 0);
}

TEST_CASE("buffer references share bytes and survive the source", "[buffer]")
{
	Buf src;
	evbuffer_add(src, "shared bytes", 12);
	evbuffer *view = evbuffer_new();
	REQUIRE(evbuffer_add_buffer_reference(view, src) == 0);
	CHECK(addresses(view) == addresses(src));
	// The source's chain is read-only now: appends go to a new chain.
	evbuffer_add(src, "+", 1);
	CHECK(chains(src).size() == 2);
	evbuffer_drain(src, 7);
	evbuffer_prepend(src, "<<<<<<<", 7);
	CHECK(contents(view) == "shared bytes");
	CHECK(contents(src) == "<<<<<<<bytes+");
	Buf gone;
	evbuffer_add(gone, "temporary", 9);
	REQUIRE(evbuffer_add_buffer_reference(view, gone) == 0);
	evbuffer_free(gone.b);
	gone.b = evbuffer_new();
	CHECK(contents(view) == "shared bytestemporary");
	CHECK(evbuffer_add_buffer_reference(src, view) == -1); // no views of views
	CHECK(evbuffer_add_buffer_reference(view, view) == -1);
	evbuffer_free(view);
	CHECK(contents(src) == "<<<<<<<bytes+");
}

TEST_CASE("reference cleanups run when their chain goes, front to back", "[buffer]")
{
	cleaned.clear();
	static const char a[] = "one", b[] = "two", c[] = "three";
	{
		Buf buf;
		evbuffer_add_reference(buf, a, 3, note_cleanup, nullptr);
		evbuffer_add_reference(buf, b, 3, note_cleanup, nullptr);
		evbuffer_add_reference(buf, c, 5, note_cleanup, nullptr);
		evbuffer_drain(buf, 4);
		CHECK(cleaned == std::vector<std::string>{"one"});
		Buf other;
		evbuffer_add_buffer(other, buf);
		CHECK(cleaned.size() == 1);
		evbuffer_freeze(buf, 0);
		CHECK(evbuffer_add_reference(buf, a, 3, note_cleanup, nullptr) == -1);
		CHECK(cleaned.size() == 1); // a refused reference is not cleaned up
	}
	CHECK(cleaned == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("freezing forbids changes at that end only", "[buffer]")
{
	Buf a, b;
	char out[4];
	evbuffer_add(a, "0123456789", 10);
	evbuffer_add(b, "x", 1);
	evbuffer_freeze(a, 1);
	CHECK(evbuffer_drain(a, 1) == -1);
	CHECK(evbuffer_remove(a, out, 1) == -1);
	CHECK(evbuffer_prepend(a, "p", 1) == -1);
	CHECK(evbuffer_add_buffer(b, a) == -1);
	CHECK(evbuffer_remove_buffer(a, b, 1) == -1);
	CHECK(evbuffer_add(a, "e", 1) == 0);
	CHECK(evbuffer_add_buffer(a, b) == 0);
	evbuffer_unfreeze(a, 1);
	evbuffer_freeze(a, 0);
	CHECK(evbuffer_add(a, "e", 1) == -1);
	CHECK(evbuffer_add_printf(a, "%d", 1) == -1);
	evbuffer_iovec v;
	CHECK(evbuffer_reserve_space(a, 1, &v, 1) == -1);
	CHECK(evbuffer_drain(a, 1) == 0);
	CHECK(evbuffer_prepend(a, "p", 1) == 0);
	evbuffer_unfreeze(a, 0);
	CHECK(contents(a) == "p123456789ex");
}

TEST_CASE("pulling up views of one chain never writes into the shared bytes", "[buffer]")
{
	// 2.1.12 gathers into the shared chain's spare room, so the second view's
	// pullup overwrites what the first one gathered.
	Buf src, v1, v2;
	evbuffer_add(src, "abc", 3);
	REQUIRE(evbuffer_add_buffer_reference(v1, src) == 0);
	REQUIRE(evbuffer_add_buffer_reference(v2, src) == 0);
	evbuffer_add(v1, "X", 1);
	evbuffer_add(v2, "Y", 1);
	REQUIRE(evbuffer_pullup(v1, 4) != nullptr);
	REQUIRE(evbuffer_pullup(v2, 4) != nullptr);
	CHECK(std::string(reinterpret_cast<char *>(evbuffer_pullup(v1, 4)), 4) == "abcX");
	CHECK(std::string(reinterpret_cast<char *>(evbuffer_pullup(v2, 4)), 4) == "abcY");
	CHECK(contents(src) == "abc");
}
