// Moving data between buffers by relinking chains rather than copying bytes.
#include "core/buffer/buffer.hpp"

namespace evcxx::buffer {

namespace {

// Give all of src's chains to dst (which may hold data) and empty src.
void splice_to_end(evbuffer *dst, evbuffer *src)
{
	if (dst->total == 0) {
		release_all(dst->first);
		dst->first = src->first;
		dst->last_data = src->last_data == &src->first ? &dst->first : src->last_data;
	} else {
		Chain **link = drop_trailing_empty(dst);
		*link = src->first;
		dst->last_data = src->last_data == &src->first ? link : src->last_data;
	}
	dst->last = src->last;
	dst->total += src->total;
	dst->maybe_on_disk |= src->maybe_on_disk;
	reset_chains(src);
}

void report_move(evbuffer *dst, evbuffer *src, size_t moved)
{
	src->n_deleted += moved;
	dst->n_added += moved;
	invoke_callbacks(src);
	invoke_callbacks(dst);
}

} // namespace

int add_buffer(evbuffer *dst, evbuffer *src)
{
	LockedPair g(dst, src);
	const size_t moved = src->total;
	if (moved == 0 || dst == src)
		return 0;
	if (dst->freeze_end || src->freeze_start)
		return -1;
	splice_to_end(dst, src);
	report_move(dst, src, moved);
	return 0;
}

int prepend_buffer(evbuffer *dst, evbuffer *src)
{
	LockedPair g(dst, src);
	const size_t moved = src->total;
	if (moved == 0 || dst == src)
		return 0;
	if (dst->freeze_start || src->freeze_start)
		return -1;
	if (dst->total == 0) {
		splice_to_end(dst, src);
	} else {
		Chain **link = drop_trailing_empty(src);
		*link = dst->first;
		if (dst->last_data == &dst->first)
			dst->last_data = link;
		dst->first = src->first;
		dst->total += moved;
		dst->maybe_on_disk |= src->maybe_on_disk;
		reset_chains(src);
	}
	report_move(dst, src, moved);
	return 0;
}

int remove_buffer(evbuffer *src, evbuffer *dst, size_t len)
{
	LockedPair g(src, dst);
	if (len == 0 || dst == src)
		return 0;
	if (dst->freeze_end || src->freeze_start)
		return -1;
	if (len >= src->total) {
		const size_t moved = src->total;
		if (moved) {
			splice_to_end(dst, src);
			report_move(dst, src, moved);
		}
		return static_cast<int>(moved);
	}
	if (!ensure_in_memory(src))
		return -1;
	// Whole chains move; the chain the cut falls into is copied from.
	size_t moved = 0;
	Chain *c = src->first, *prev = nullptr;
	while (c->off <= len) {
		moved += c->off;
		len -= c->off;
		if (src->last_data == &c->next)
			src->last_data = &src->first;
		prev = c;
		c = c->next;
	}
	if (prev) {
		*drop_trailing_empty(dst) = src->first;
		dst->last = prev;
		prev->next = nullptr;
		src->first = c;
		advance_last_data(dst);
		dst->total += moved;
		dst->n_added += moved;
		dst->maybe_on_disk |= src->maybe_on_disk;
	}
	if (add_locked(dst, c->data(), len) < 0)
		len = 0;
	c->misalign += len;
	c->off -= len;
	moved += len;
	src->total -= moved;
	src->n_deleted += moved;
	invoke_callbacks(dst);
	invoke_callbacks(src);
	return static_cast<int>(moved);
}

int add_buffer_reference(evbuffer *dst, evbuffer *src)
{
	LockedPair g(dst, src);
	if (dst->freeze_end || dst == src)
		return -1;
	for (Chain *c = src->first; c; c = c->next)
		if (c->flags & (kFileSegment | kView))
			return -1;
	const size_t total = src->total;
	Chain *head = nullptr, **tail = &head, *last = nullptr;
	for (Chain *c = src->first; c; c = c->next) {
		if (c->off == 0)
			continue;
		Chain *v = chain_new_bare(sizeof(Chain *));
		if (!v) {
			release_all(head);
			return -1;
		}
		v->flags |= kView;
		v->buffer = c->buffer;
		v->capacity = c->capacity;
		v->misalign = c->misalign;
		v->off = c->off;
		*trailer<Chain *>(v) = c;
		++c->refs;
		c->flags |= kImmutable; // for good, as upstream: the views rely on it
		*tail = last = v;
		tail = &v->next;
	}
	if (!head)
		return 0;
	*drop_trailing_empty(dst) = head;
	dst->last = last;
	advance_last_data(dst);
	dst->total += total;
	dst->n_added += total;
	invoke_callbacks(dst);
	return 0;
}

} // namespace evcxx::buffer
