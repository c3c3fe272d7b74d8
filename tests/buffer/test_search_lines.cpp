// Searching and line reading across chain boundaries.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include <event2/buffer_compat.h>

#include "tests/buffer/buffer_fixture.hpp"

using namespace buffer_test;

namespace {

std::vector<std::string> lines(const std::vector<std::string> &pieces, evbuffer_eol_style style, std::string *rest)
{
	Buf b(from_pieces(pieces));
	std::vector<std::string> out;
	size_t n;
	while (char *line = evbuffer_readln(b, &n, style)) {
		out.emplace_back(line, n);
		free(line);
	}
	*rest = contents(b);
	return out;
}

} // namespace

TEST_CASE("search finds matches that straddle chains", "[buffer]")
{
	Buf b(from_pieces({"xxab", "c", "dab", "cd"}));
	evbuffer_ptr p = evbuffer_search(b, "abcd", 4, nullptr);
	CHECK(p.pos == 2);
	REQUIRE(evbuffer_ptr_set(b, &p, 1, EVBUFFER_PTR_ADD) == 0);
	p = evbuffer_search(b, "abcd", 4, &p);
	CHECK(p.pos == 6);
	REQUIRE(evbuffer_ptr_set(b, &p, 1, EVBUFFER_PTR_ADD) == 0);
	CHECK(evbuffer_search(b, "abcd", 4, &p).pos == -1);
	CHECK(evbuffer_search(b, "abcdx", 5, nullptr).pos == -1);
}

TEST_CASE("search_range stops at the end position", "[buffer]")
{
	Buf b(from_pieces({"aaab", "cxx", "abc"}));
	evbuffer_ptr end;
	REQUIRE(evbuffer_ptr_set(b, &end, 4, EVBUFFER_PTR_SET) == 0);
	CHECK(evbuffer_search_range(b, "abc", 3, nullptr, &end).pos == -1);
	REQUIRE(evbuffer_ptr_set(b, &end, 5, EVBUFFER_PTR_SET) == 0);
	CHECK(evbuffer_search_range(b, "abc", 3, nullptr, &end).pos == 2);
	REQUIRE(evbuffer_ptr_set(b, &end, 10, EVBUFFER_PTR_SET) == 0);
	CHECK(evbuffer_search_range(b, "abc", 3, nullptr, &end).pos == 2);
}

TEST_CASE("ptr_set walks chains and refuses positions past the end", "[buffer]")
{
	Buf b(from_pieces({"ab", "cde", "f"}));
	evbuffer_ptr p;
	REQUIRE(evbuffer_ptr_set(b, &p, 4, EVBUFFER_PTR_SET) == 0);
	char c;
	REQUIRE(evbuffer_copyout_from(b, &p, &c, 1) == 1);
	CHECK(c == 'e');
	REQUIRE(evbuffer_ptr_set(b, &p, 2, EVBUFFER_PTR_ADD) == 0);
	CHECK(p.pos == 6);
	CHECK(evbuffer_ptr_set(b, &p, 1, EVBUFFER_PTR_ADD) == -1);
	CHECK(p.pos == -1);
	CHECK(evbuffer_ptr_set(b, &p, 7, EVBUFFER_PTR_SET) == -1);
	evbuffer_iovec v[2];
	CHECK(evbuffer_peek(b, -1, &p, v, 2) == -1); // a not-found position
}

TEST_CASE("readln handles each end-of-line style across chains", "[buffer]")
{
	std::string rest;
	const std::vector<std::string> text{"one\r", "\ntwo\n", "\r\nthree\r", "\r\n", "four"};
	CHECK(lines(text, EVBUFFER_EOL_ANY, &rest) == std::vector<std::string>{"one", "two", "three"});
	CHECK(rest == "four");
	CHECK(lines(text, EVBUFFER_EOL_CRLF, &rest) == std::vector<std::string>{"one", "two", "", "three\r"});
	CHECK(rest == "four");
	CHECK(lines(text, EVBUFFER_EOL_CRLF_STRICT, &rest) == std::vector<std::string>{"one", "two\n", "three\r"});
	CHECK(lines(text, EVBUFFER_EOL_LF, &rest) == std::vector<std::string>{"one\r", "two", "\r", "three\r\r"});
	CHECK(lines(text, EVBUFFER_EOL_NUL, &rest).empty());
}

TEST_CASE("readln with NUL endings and a lone CR", "[buffer]")
{
	std::string rest;
	const std::vector<std::string> text{std::string("a\0b", 3), std::string("\0", 1), "c\r"};
	CHECK(lines(text, EVBUFFER_EOL_NUL, &rest) == std::vector<std::string>{"a", "b"});
	CHECK(rest == "c\r");
	// A lone CR ends a line for EVBUFFER_EOL_ANY only.
	CHECK(lines({"c\r"}, EVBUFFER_EOL_ANY, &rest) == std::vector<std::string>{"c"});
	CHECK(lines({"c\r"}, EVBUFFER_EOL_CRLF, &rest).empty());
}

TEST_CASE("search_eol reports the ending's length", "[buffer]")
{
	Buf b(from_pieces({"ab\r", "\n\r\n", "x"}));
	size_t len = 99;
	evbuffer_ptr p = evbuffer_search_eol(b, nullptr, &len, EVBUFFER_EOL_ANY);
	CHECK(p.pos == 2);
	CHECK(len == 4);
	p = evbuffer_search_eol(b, nullptr, &len, EVBUFFER_EOL_CRLF_STRICT);
	CHECK(p.pos == 2);
	CHECK(len == 2);
	p = evbuffer_search_eol(b, nullptr, &len, static_cast<evbuffer_eol_style>(42));
	CHECK(p.pos == -1);
	CHECK(len == 0);
}

TEST_CASE("search_eol CRLF takes a CR only from at or after the start", "[buffer]")
{
	Buf b(from_pieces({"ab\r", "\ncd\r", "\n"}));
	size_t len = 0;
	evbuffer_ptr start;
	REQUIRE(evbuffer_ptr_set(b, &start, 3, EVBUFFER_PTR_SET) == 0);
	evbuffer_ptr p = evbuffer_search_eol(b, &start, &len, EVBUFFER_EOL_CRLF);
	CHECK(p.pos == 3);
	CHECK(len == 1);
	REQUIRE(evbuffer_ptr_set(b, &start, 2, EVBUFFER_PTR_SET) == 0);
	p = evbuffer_search_eol(b, &start, &len, EVBUFFER_EOL_CRLF);
	CHECK(p.pos == 2);
	CHECK(len == 2);
	// The CR ends the chain before the LF's.
	REQUIRE(evbuffer_ptr_set(b, &start, 4, EVBUFFER_PTR_SET) == 0);
	p = evbuffer_search_eol(b, &start, &len, EVBUFFER_EOL_CRLF);
	CHECK(p.pos == 6);
	CHECK(len == 2);
	char c;
	REQUIRE(evbuffer_copyout_from(b, &p, &c, 1) == 1);
	CHECK(c == '\r');
}

TEST_CASE("evbuffer_find returns a pointer into contiguous data", "[buffer]")
{
	Buf b(from_pieces({"hel", "lo wor", "ld"}));
	unsigned char *p = evbuffer_find(b, reinterpret_cast<const unsigned char *>("o wo"), 4);
	REQUIRE(p != nullptr);
	CHECK(std::string(reinterpret_cast<char *>(p), 4) == "o wo");
	CHECK(evbuffer_find(b, reinterpret_cast<const unsigned char *>("zz"), 2) == nullptr);
}
