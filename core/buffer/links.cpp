#include "core/buffer/buffer.hpp"
#include "core/buffer/file_segment.hpp"

namespace evcxx::buffer {

Chain **drop_trailing_empty(evbuffer *b)
{
	Chain **link = b->last_data;
	if (*link && (*link)->off)
		link = &(*link)->next;
	drop_chains(*link);
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
