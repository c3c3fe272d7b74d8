// Copying bytes in at either end, and appending memory by reference.
#include <climits>
#include <cstdio>
#include <cstring>

#include "core/buffer/buffer.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::buffer {

namespace {

// Account `n` bytes just written after (or, prepending, before) c's data.
void grew(evbuffer *b, Chain *c, size_t n)
{
	c->off += n;
	b->total += n;
	b->n_added += n;
	advance_last_data(b);
}

} // namespace

// add_locked when the bytes do not fit after the last data of `c` (the
// chain *b->last_data, or nullptr). Out of line, so that the fast path
// saves few registers.
[[gnu::noinline]] int add_elsewhere(evbuffer *b, Chain *c, const unsigned char *src, size_t len)
{
	if (!c) {
		// No chain at all: the first one holds just these bytes.
		c = new_chain(len);
		if (!c)
			return -1;
		if (len)
			memcpy(c->buffer, src, len);
		c->off = len;
		b->first = b->last = c;
		b->total = b->n_added = len;
		invoke_callbacks(b);
		return 0;
	}
	size_t room = 0;
	if (c->writable()) {
		room = c->space_len();
		if (room < len && should_realign(c, len)) {
			realign(c);
			room = c->space_len();
		}
		if (room >= len) {
			if (len)
				memcpy(c->space(), src, len);
			grew(b, c, len);
			invoke_callbacks(b);
			return 0;
		}
	}
	// Grow geometrically from the current chain's size, as upstream does.
	size_t want = c->capacity;
	if (want <= kMaxAutoSize / 2)
		want <<= 1;
	if (len > want)
		want = len;
	Chain *next = new_chain(want);
	if (!next)
		return -1;
	if (room) {
		memcpy(c->space(), src, room);
		grew(b, c, room);
		src += room;
		len -= room;
	}
	memcpy(next->buffer, src, len);
	next->off = len;
	append_chain(b, next);
	b->n_added += len;
	invoke_callbacks(b);
	return 0;
}

int add(evbuffer *b, const void *data, size_t len)
{
	Locked g(b);
	return add_locked(b, data, len);
}

int prepend(evbuffer *b, const void *data, size_t len)
{
	Locked g(b);
	if (b->freeze_start || len > SIZE_MAX - b->total)
		return -1;
	auto *src = static_cast<const unsigned char *>(data);
	Chain *c = b->first;
	if (!c) {
		c = new_chain(len);
		if (!c)
			return -1;
		append_chain(b, c);
	}
	size_t room = 0;
	if (c->writable()) {
		if (c->off == 0)
			c->misalign = c->capacity;
		room = c->misalign;
		if (room >= len) {
			c->misalign -= len;
			memcpy(c->data(), src, len);
			grew(b, c, len);
			invoke_callbacks(b);
			return 0;
		}
	}
	// The bytes that do not fit before c's data go to a new chain in front;
	// allocate it first so that a failure changes nothing.
	Chain *front = new_chain(len - room);
	if (!front)
		return -1;
	if (room) {
		memcpy(c->buffer, src + len - room, room);
		c->misalign = 0;
		grew(b, c, room);
		len -= room;
	}
	front->misalign = front->capacity - len;
	front->off = len;
	memcpy(front->data(), src, len);
	front->next = c;
	b->first = front;
	if (b->last_data == &b->first && c->off)
		b->last_data = &front->next;
	advance_last_data(b);
	b->total += len;
	b->n_added += len;
	invoke_callbacks(b);
	return 0;
}

int add_vprintf(evbuffer *b, const char *fmt, va_list ap)
{
	Locked g(b);
	if (b->freeze_end)
		return -1;
	Chain *c = expand_single(b, 64);
	while (c) {
		size_t room = c->space_len();
		va_list copy;
		va_copy(copy, ap);
		int n = vsnprintf(reinterpret_cast<char *>(c->space()), room, fmt, copy);
		va_end(copy);
		if (n < 0)
			return -1;
		if (static_cast<size_t>(n) < room) {
			grew(b, c, static_cast<size_t>(n));
			invoke_callbacks(b);
			return n;
		}
		c = expand_single(b, static_cast<size_t>(n) + 1);
	}
	return -1;
}

size_t add_iovec(evbuffer *b, const iovec *vec, int n)
{
	Locked g(b);
	size_t total = 0;
	for (int i = 0; i < n; ++i) {
		if (vec[i].iov_len > SIZE_MAX - total) {
			log::warnx("evbuffer_add_iovec: total length overflows");
			return 0;
		}
		total += vec[i].iov_len;
	}
	if (expand_fast(b, total, 2) < 0)
		return 0;
	size_t added = 0;
	for (int i = 0; i < n; ++i) {
		if (add_locked(b, vec[i].iov_base, vec[i].iov_len) < 0)
			break;
		added += vec[i].iov_len;
	}
	return added;
}

int add_reference(evbuffer *b, const void *data, size_t len, evbuffer_ref_cleanup_cb cleanup, void *arg)
{
	Locked g(b);
	if (b->freeze_end || len > SIZE_MAX - b->total)
		return -1;
	Chain *c = chain_new_bare(sizeof(ReferenceInfo));
	if (!c)
		return -1;
	c->flags |= kReference;
	c->buffer = static_cast<unsigned char *>(const_cast<void *>(data));
	c->capacity = c->off = len;
	*trailer<ReferenceInfo>(c) = ReferenceInfo{cleanup, arg};
	append_chain(b, c);
	b->n_added += len;
	invoke_callbacks(b);
	return 0;
}

} // namespace evcxx::buffer
