#include "core/buffer/buffer.hpp"
#include "core/buffer/file_segment.hpp"

namespace evcxx::buffer {

namespace {

// The largest allocation kept as a spare: the sizes a buffer picks itself
// (growth steps, reads of at most 4 KiB), so that an idle buffer holds
// little. Bigger chains come from big explicit requests.
constexpr size_t kMaxSpareAlloc = 2 * kMaxAutoSize;

} // namespace

Chain *new_chain(evbuffer *b, size_t size)
{
	Chain *c = b->spare;
	if (c && size <= kMaxSpareAlloc && c->capacity + sizeof(Chain) == alloc_size_for(size)) {
		b->spare = nullptr;
		c->next = nullptr;
		c->misalign = c->off = 0;
		return c;
	}
	return chain_new(size);
}

void drop_chain(evbuffer *b, Chain *c)
{
	// Only plain chains this buffer alone owns hold reusable storage.
	if (!b->spare && c->flags == 0 && c->refs == 1 && c->capacity + sizeof(Chain) <= kMaxSpareAlloc) {
		b->spare = c;
		return;
	}
	chain_release(c);
}

void drop_chains(evbuffer *b, Chain *c)
{
	while (c) {
		Chain *next = c->next;
		drop_chain(b, c);
		c = next;
	}
}

Chain **drop_trailing_empty(evbuffer *b)
{
	Chain **link = b->last_data;
	if (*link && (*link)->off)
		link = &(*link)->next;
	drop_chains(b, *link);
	*link = nullptr;
	b->last = *b->last_data;
	return link;
}

void append_chain(evbuffer *b, Chain *c)
{
	if (!b->first) {
		b->first = b->last = c;
	} else {
		Chain **link = drop_trailing_empty(b);
		*link = c;
		if (c->off)
			b->last_data = link;
		b->last = c;
	}
	b->total += c->off;
}

void advance_last_data(evbuffer *b)
{
	if (!*b->last_data)
		return;
	while ((*b->last_data)->next && (*b->last_data)->next->off)
		b->last_data = &(*b->last_data)->next;
}

void reset_chains(evbuffer *b)
{
	b->first = b->last = nullptr;
	b->last_data = &b->first;
	b->total = 0;
}

bool ensure_in_memory(evbuffer *b)
{
	if (!b->maybe_on_disk)
		return true;
	for (Chain *c = b->first; c; c = c->next)
		if ((c->flags & kSendfile) && !load_chain(c))
			return false;
	b->maybe_on_disk = false;
	return true;
}

} // namespace evcxx::buffer
