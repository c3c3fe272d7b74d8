#include "core/buffer/file_segment.hpp"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buffer/buffer.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::buffer {

namespace {

bool map_contents(evbuffer_file_segment *seg)
{
	const long page = sysconf(_SC_PAGESIZE);
	const int64_t lead = page > 0 ? seg->file_offset % page : 0;
	const size_t len = static_cast<size_t>(seg->length + lead);
	void *area = mmap(nullptr, len, PROT_READ, MAP_PRIVATE, seg->fd, seg->file_offset - lead);
	if (area == MAP_FAILED) {
		log::warn("evbuffer_file_segment: mmap of %zu bytes failed", len);
		return false;
	}
	seg->mapping = area;
	seg->mapping_len = len;
	seg->contents = static_cast<const unsigned char *>(area) + lead;
	return true;
}

bool read_contents(evbuffer_file_segment *seg)
{
	if (static_cast<uint64_t>(seg->length) > kMaxStorage)
		return false;
	auto *mem = static_cast<unsigned char *>(mm::alloc(static_cast<size_t>(seg->length)));
	if (!mem)
		return false;
	int64_t done = 0;
	while (done < seg->length) {
		const ssize_t n = pread(seg->fd, mem + done, static_cast<size_t>(seg->length - done), seg->file_offset + done);
		if (n <= 0) {
			mm::release(mem);
			return false;
		}
		done += n;
	}
	seg->contents = mem;
	return true;
}

// Bring the segment's bytes into memory (once).
bool materialize(evbuffer_file_segment *seg)
{
	thread::lock(seg->lock);
	bool ok = seg->contents != nullptr;
	if (!ok && !(seg->flags & EVBUF_FS_DISABLE_MMAP))
		ok = map_contents(seg);
	if (!ok)
		ok = read_contents(seg);
	thread::unlock(seg->lock);
	return ok;
}

} // namespace

evbuffer_file_segment *segment_new(int fd, int64_t offset, int64_t length, unsigned flags)
{
	auto *seg = static_cast<evbuffer_file_segment *>(mm::zalloc(1, sizeof(evbuffer_file_segment)));
	if (!seg)
		return nullptr;
	seg->fd = fd;
	seg->flags = flags;
	seg->file_offset = offset;
	seg->refs = 1;
	if (length == -1) {
		struct stat st;
		if (fstat(fd, &st) < 0) {
			mm::release(seg);
			return nullptr;
		}
		length = st.st_size;
	}
	seg->length = length;
	if (offset < 0 || length < 0 || static_cast<uint64_t>(offset) > kChainMax - static_cast<uint64_t>(length)) {
		mm::release(seg);
		return nullptr;
	}
	if (flags & EVBUF_FS_DISABLE_SENDFILE) {
		if (!materialize(seg)) {
			mm::release(seg);
			return nullptr;
		}
	} else {
		seg->can_sendfile = true;
	}
	if (!(flags & EVBUF_FS_DISABLE_LOCKING))
		seg->lock = thread::alloc_lock(0);
	return seg;
}

void segment_release(evbuffer_file_segment *seg)
{
	thread::lock(seg->lock);
	const int left = --seg->refs;
	thread::unlock(seg->lock);
	if (left > 0)
		return;
	if (seg->mapping)
		munmap(seg->mapping, seg->mapping_len);
	else
		mm::release(const_cast<unsigned char *>(seg->contents));
	if ((seg->flags & EVBUF_FS_CLOSE_ON_FREE) && seg->fd >= 0)
		close(seg->fd);
	if (seg->cleanup)
		seg->cleanup(seg, static_cast<int>(seg->flags), seg->cleanup_arg);
	thread::free_lock(seg->lock, 0);
	mm::release(seg);
}

void segment_set_cleanup(evbuffer_file_segment *seg, evbuffer_file_segment_cleanup_cb cb, void *arg)
{
	seg->cleanup = cb;
	seg->cleanup_arg = arg;
}

int add_file_segment(evbuffer *b, evbuffer_file_segment *seg, int64_t offset, int64_t length)
{
	thread::lock(seg->lock);
	++seg->refs;
	thread::unlock(seg->lock);
	{
		Locked g(b);
		if (b->freeze_end)
			goto fail;
		if (length < 0) {
			if (offset > seg->length)
				goto fail;
			length = seg->length - offset;
		}
		if (offset < 0 || offset + length > seg->length)
			goto fail;
		Chain *c = chain_new_bare(sizeof(evbuffer_file_segment *));
		if (!c)
			goto fail;
		c->flags |= kFileSegment;
		*trailer<evbuffer_file_segment *>(c) = seg;
		if ((b->flags & EVBUFFER_FLAG_DRAINS_TO_FD) && seg->can_sendfile) {
			c->flags |= kSendfile;
			c->misalign = static_cast<size_t>(seg->file_offset + offset);
			c->off = static_cast<size_t>(length);
			c->capacity = c->misalign + c->off;
			b->maybe_on_disk = true;
		} else if (!materialize(seg)) {
			mm::release(c);
			goto fail;
		} else {
			c->buffer = const_cast<unsigned char *>(seg->contents) + offset;
			c->capacity = c->off = static_cast<size_t>(length);
		}
		b->n_added += c->off;
		append_chain(b, c);
		invoke_callbacks(b);
		return 0;
	}
fail:
	segment_release(seg);
	return -1;
}

int add_file(evbuffer *b, int fd, int64_t offset, int64_t length)
{
	evbuffer_file_segment *seg = segment_new(fd, offset, length, EVBUF_FS_CLOSE_ON_FREE);
	if (!seg)
		return -1;
	const int r = add_file_segment(b, seg, 0, length);
	if (r < 0)
		seg->flags &= ~EVBUF_FS_CLOSE_ON_FREE; // the caller keeps the fd, as with upstream
	segment_release(seg);
	return r;
}

bool load_chain(Chain *c)
{
	evbuffer_file_segment *seg = *trailer<evbuffer_file_segment *>(c);
	if (!materialize(seg))
		return false;
	c->buffer = const_cast<unsigned char *>(seg->contents) + (c->misalign - static_cast<size_t>(seg->file_offset));
	c->capacity = c->off;
	c->misalign = 0;
	c->flags &= ~kSendfile;
	return true;
}

} // namespace evcxx::buffer
