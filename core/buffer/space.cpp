// Writable space at the end of a buffer: growth policy, reserve/commit.
#include <cstring>

#include "core/buffer/buffer.hpp"

namespace evcxx::buffer {

namespace {

Chain *append_new(evbuffer *b, size_t len)
{
	Chain *c = new_chain(len);
	if (c)
		append_chain(b, c);
	return c;
}

// Replace `*link` (holding `old`) by a bigger copy with room for `len` more.
Chain *grow_in_place(evbuffer *b, Chain **link, Chain *old, size_t len)
{
	Chain *c = new_chain(old->off + len);
	if (!c)
		return nullptr;
	memcpy(c->buffer, old->data(), old->off);
	c->off = old->off;
	c->next = old->next;
	*link = c;
	if (b->last == old)
		b->last = c;
	drop_chain(old);
	return c;
}

} // namespace

Chain *expand_single(evbuffer *b, size_t len)
{
	Chain **link = b->last_data;
	if (*link && (*link)->space_len() == 0)
		link = &(*link)->next;
	Chain *c = *link;
	if (!c || !c->writable())
		return append_new(b, len);
	if (c->space_len() >= len)
		return c;
	if (c->off == 0)
		return append_new(b, len);
	if (should_realign(c, len)) {
		realign(c);
		return c;
	}
	// Resizing copies c->off bytes; a new chain wastes c's free space.
	// Resize only when that waste would be large and the copy small.
	if (c->space_len() < c->capacity / 8 || c->off > kMaxToCopyInExpand || len >= kChainMax - c->off) {
		if (c->next && c->next->space_len() >= len)
			return c->next;
		return append_new(b, len);
	}
	return grow_in_place(b, link, c, len);
}

int expand_fast(evbuffer *b, size_t len, int nchains)
{
	if (!b->last || !b->last->writable())
		return append_new(b, len) ? 0 : -1;
	size_t avail = 0;
	int used = 0;
	Chain **link = b->last_data;
	for (; *link; link = &(*link)->next) {
		Chain *c = *link;
		if (c->off) {
			size_t room = c->space_len();
			if (room) {
				avail += room;
				++used;
			}
		} else {
			c->misalign = 0;
			avail += c->capacity;
			++used;
		}
		if (avail >= len)
			return 0;
		if (used == nchains)
			break;
	}
	if (used < nchains) {
		// Ran out of chains before the limit: one more covers the rest.
		Chain *c = new_chain(len - avail);
		if (!c)
			return -1;
		b->last->next = c;
		b->last = c;
		return 0;
	}
	// Too many small pieces: replace all the empty chains by one.
	const Chain *keep = *b->last_data;
	Chain *c = new_chain(len - (keep->off ? keep->space_len() : 0));
	if (!c)
		return -1;
	append_chain(b, c);
	return 0;
}

namespace {

// The writable areas from the first chain with space on, until they cover
// `len` bytes or `n` areas are used; returns how many.
int space_vecs(evbuffer *b, size_t len, iovec *vec, int n)
{
	Chain *c = *b->last_data;
	if (c->space_len() == 0)
		c = c->next;
	size_t so_far = 0;
	int i = 0;
	for (; i < n && so_far < len && c; ++i, c = c->next) {
		vec[i].iov_base = c->space();
		vec[i].iov_len = c->space_len();
		so_far += vec[i].iov_len;
	}
	return i;
}

} // namespace

int expand(evbuffer *b, size_t len)
{
	Locked g(b);
	return expand_single(b, len) ? 0 : -1;
}

int reserve_space(evbuffer *b, ev_ssize_t len, iovec *vec, int n)
{
	Locked g(b);
	if (b->freeze_end || n < 1)
		return -1;
	if (n == 1) {
		Chain *c = expand_single(b, static_cast<size_t>(len));
		if (!c)
			return -1;
		vec[0].iov_base = c->space();
		vec[0].iov_len = c->space_len();
		return 1;
	}
	if (len < 0 || expand_fast(b, static_cast<size_t>(len), n) < 0)
		return -1;
	return space_vecs(b, static_cast<size_t>(len), vec, n);
}

int commit_space(evbuffer *b, iovec *vec, int n)
{
	Locked g(b);
	if (b->freeze_end || n < 0)
		return -1;
	if (n == 0)
		return 0;
	size_t added = 0;
	if (n == 1 && b->last && vec[0].iov_base == b->last->space()) {
		// One area used: it may be the last chain even if chains with
		// space come before it.
		if (vec[0].iov_len > b->last->space_len())
			return -1;
		b->last->off += vec[0].iov_len;
		added = vec[0].iov_len;
		if (added)
			advance_last_data(b);
	} else {
		Chain **link = b->last_data;
		if (!*link)
			return -1;
		if ((*link)->space_len() == 0)
			link = &(*link)->next;
		// Check every area before committing any.
		Chain *c = *link;
		for (int i = 0; i < n; ++i, c = c->next) {
			if (!c || vec[i].iov_base != c->space() || vec[i].iov_len > c->space_len())
				return -1;
		}
		for (int i = 0; i < n; ++i, link = &(*link)->next) {
			(*link)->off += vec[i].iov_len;
			added += vec[i].iov_len;
			if (vec[i].iov_len)
				b->last_data = link;
		}
	}
	b->total += added;
	b->n_added += added;
	invoke_callbacks(b);
	return 0;
}

} // namespace evcxx::buffer
