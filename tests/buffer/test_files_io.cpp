// File segments and fd I/O, including the places where evcxx is stricter
// than libevent 2.1.12 (docs/divergences.md).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "tests/buffer/buffer_fixture.hpp"

using namespace buffer_test;

namespace {

struct TempFile {
	int fd;
	std::string text;
	explicit TempFile(size_t n)
	{
		char name[] = "/tmp/evcxx-unit-fileXXXXXX";
		fd = mkstemp(name);
		REQUIRE(fd >= 0);
		unlink(name);
		for (size_t i = 0; i < n; ++i)
			text.push_back(static_cast<char>('a' + i % 23));
		REQUIRE(write(fd, text.data(), n) == static_cast<ssize_t>(n));
	}
	~TempFile() { close(fd); }
};

struct Pair {
	int fd[2];
	Pair() { REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fd) == 0); }
	~Pair()
	{
		close(fd[0]);
		close(fd[1]);
	}
};

int cleanups = 0;
void count_cleanup(const evbuffer_file_segment *, int, void *) { ++cleanups; }

std::string drain_socket(int fd)
{
	std::string got;
	char tmp[8192];
	ssize_t n;
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		got.append(tmp, static_cast<size_t>(n));
	return got;
}

} // namespace

TEST_CASE("file segments show their range with every flag combination", "[buffer]")
{
	TempFile f(10000);
	for (unsigned flags : {0u, unsigned(EVBUF_FS_DISABLE_MMAP), unsigned(EVBUF_FS_DISABLE_SENDFILE),
	                       unsigned(EVBUF_FS_DISABLE_MMAP | EVBUF_FS_DISABLE_SENDFILE)}) {
		evbuffer_file_segment *seg = evbuffer_file_segment_new(f.fd, 100, 5000, flags);
		REQUIRE(seg);
		Buf b;
		REQUIRE(evbuffer_add_file_segment(b, seg, 10, 20) == 0);
		REQUIRE(evbuffer_add_file_segment(b, seg, 4990, -1) == 0);
		evbuffer_file_segment_free(seg);
		CHECK(contents(b) == f.text.substr(110, 20) + f.text.substr(5090, 10));
	}
}

TEST_CASE("a failed add_file_segment keeps the caller's reference", "[buffer]")
{
	// 2.1.12 drops a reference it never took here and frees the segment.
	TempFile f(100);
	cleanups = 0;
	evbuffer_file_segment *seg = evbuffer_file_segment_new(f.fd, 0, 50, 0);
	REQUIRE(seg);
	evbuffer_file_segment_add_cleanup_cb(seg, count_cleanup, nullptr);
	Buf b;
	CHECK(evbuffer_add_file_segment(b, seg, 40, 11) == -1);
	CHECK(evbuffer_add_file_segment(b, seg, 51, -1) == -1);
	CHECK(cleanups == 0);
	REQUIRE(evbuffer_add_file_segment(b, seg, 40, -1) == 0);
	evbuffer_file_segment_free(seg);
	CHECK(cleanups == 0);
	CHECK(contents(b) == f.text.substr(40, 10));
	evbuffer_drain(b, 10);
	CHECK(cleanups == 1);
}

TEST_CASE("sendfile chains are sent from the file and readable in memory", "[buffer]")
{
	TempFile f(20000);
	Pair p;
	Buf b;
	evbuffer_set_flags(b, EVBUFFER_FLAG_DRAINS_TO_FD);
	evbuffer_add(b, "<", 1);
	REQUIRE(evbuffer_add_file(b, dup(f.fd), 5, 3000) == 0);
	evbuffer_add(b, ">", 1);
	SECTION("write_atmost respects the limit inside a file chain")
	{
		CHECK(evbuffer_write_atmost(b, p.fd[1], 1) == 1);
		CHECK(evbuffer_write_atmost(b, p.fd[1], 100) == 100);
		CHECK(evbuffer_get_length(b) == 2901);
		while (evbuffer_get_length(b) && evbuffer_write(b, p.fd[1]) > 0) {
		}
		CHECK(drain_socket(p.fd[0]) == "<" + f.text.substr(5, 3000) + ">");
	}
	SECTION("peek, search and copyout load the bytes")
	{
		evbuffer_ptr at = evbuffer_search(b, f.text.data() + 2000, 30, nullptr);
		CHECK(at.pos >= 1);
		CHECK(contents(b) == "<" + f.text.substr(5, 3000) + ">");
		CHECK(chains(b).size() == 3);
		CHECK(evbuffer_write(b, p.fd[1]) == 3002);
		CHECK(drain_socket(p.fd[0]) == "<" + f.text.substr(5, 3000) + ">");
	}
}

TEST_CASE("read takes at most 4096 bytes a call", "[buffer]")
{
	Pair p;
	std::string data(10000, 'r');
	REQUIRE(write(p.fd[1], data.data(), data.size()) == 10000);
	Buf b;
	CHECK(evbuffer_read(b, p.fd[0], -1) == 4096);
	CHECK(evbuffer_read(b, p.fd[0], 100000) == 4096);
	CHECK(evbuffer_read(b, p.fd[0], 10) == 10);
	CHECK(evbuffer_read(b, p.fd[0], -1) == 1798);
	CHECK(evbuffer_read(b, p.fd[0], -1) == -1);
	CHECK(contents(b) == data);
	close(p.fd[1]);
	p.fd[1] = -1;
	CHECK(evbuffer_read(b, p.fd[0], -1) == 0);
}

TEST_CASE("read fills the free space of up to four chains first", "[buffer]")
{
	Pair p;
	Buf b;
	std::string head(900, 'h');
	evbuffer_add(b, head.data(), head.size());
	const void *first = chains(b)[0].iov_base;
	evbuffer_iovec v[4];
	REQUIRE(evbuffer_reserve_space(b, 8000, v, 4) == 2);
	std::string data(6000, 's');
	REQUIRE(write(p.fd[1], data.data(), data.size()) == 6000);
	CHECK(evbuffer_read(b, p.fd[0], -1) == 4096);
	const auto after = chains(b);
	REQUIRE(after.size() == 2);
	CHECK(after[0].iov_base == first);
	CHECK(after[0].iov_len == 976);
	CHECK(after[1].iov_base == v[1].iov_base);
	CHECK(contents(b) == head + data.substr(0, 4096));
}

TEST_CASE("a read into an empty buffer makes upstream's chain whatever chain was drained before", "[buffer]")
{
	// Each read gets a chain sized for what arrived, whether or not the
	// chain a buffer drained just before (kept for reuse) has that size.
	const size_t sizes[] = {64, 4096, 3000, 64, 976, 977};
	// What reserve_space offers next, as upstream: the rest of the read's
	// chain (1 KiB, 8 KiB, 4 KiB, 1 KiB, full so a new 1 KiB one, 2 KiB).
	const size_t room[] = {912, 4048, 1048, 912, 976, 1023};
	Pair p;
	Buf b;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); ++i) {
		std::string data(sizes[i], static_cast<char>('a' + i));
		REQUIRE(write(p.fd[1], data.data(), data.size()) == static_cast<ssize_t>(data.size()));
		REQUIRE(evbuffer_read(b, p.fd[0], -1) == static_cast<int>(data.size()));
		CHECK(contents(b) == data);
		evbuffer_iovec v[1];
		REQUIRE(evbuffer_reserve_space(b, 1, v, 1) == 1);
		CHECK(v[0].iov_len == room[i]);
		REQUIRE(evbuffer_drain(b, data.size()) == 0);
	}
}

TEST_CASE("enable_locking needs lock callbacks to make its own lock", "[buffer]")
{
	Buf b;
	CHECK(evbuffer_enable_locking(b, nullptr) == -1);
}
