// struct evbuffer_file_segment: a byte range of a file, shared by the chains
// that show it. Its bytes come into memory (mmap, or read) only when needed:
// buffers that drain to an fd (EVBUFFER_FLAG_DRAINS_TO_FD) send them with
// sendfile straight from the file.
#pragma once
#include <cstddef>
#include <cstdint>

#include <event2/buffer.h>

struct evbuffer_file_segment {
	int fd;
	unsigned flags;      // EVBUF_FS_*
	int64_t file_offset; // where the segment starts in the file
	int64_t length;
	bool can_sendfile;
	const unsigned char *contents; // the segment's bytes once in memory
	void *mapping;                 // mmap()ed area holding contents, or nullptr
	size_t mapping_len;
	int refs; // the application, plus one per chain showing it
	void *lock;
	evbuffer_file_segment_cleanup_cb cleanup;
	void *cleanup_arg;
};

namespace evcxx::buffer {

struct Chain;

evbuffer_file_segment *segment_new(int fd, int64_t offset, int64_t length, unsigned flags);
void segment_release(evbuffer_file_segment *seg);
void segment_set_cleanup(evbuffer_file_segment *seg, evbuffer_file_segment_cleanup_cb cb, void *arg);
int add_file_segment(evbuffer *b, evbuffer_file_segment *seg, int64_t offset, int64_t length);
int add_file(evbuffer *b, int fd, int64_t offset, int64_t length);
// Turn a sendfile chain into one over the segment's bytes in memory.
bool load_chain(Chain *c);

} // namespace evcxx::buffer
