#include "core/buffer/chain.hpp"

#include <cstring>

#include "core/buffer/file_segment.hpp"
#include "core/util/mm.hpp"

namespace evcxx::buffer {

Chain *chain_new(size_t size)
{
	if (size > kMaxStorage)
		return nullptr;
	const size_t total = alloc_size_for(size);
	auto *c = static_cast<Chain *>(mm::alloc(total));
	if (!c)
		return nullptr;
	*c = Chain{nullptr, reinterpret_cast<unsigned char *>(c + 1), total - sizeof(Chain), 0, 0, 0, 1};
	return c;
}

Chain *chain_new_bare(size_t trailer_size)
{
	auto *c = static_cast<Chain *>(mm::alloc(sizeof(Chain) + trailer_size));
	if (!c)
		return nullptr;
	*c = Chain{nullptr, nullptr, 0, 0, 0, kImmutable, 1};
	return c;
}

void chain_release(Chain *c)
{
	if (--c->refs > 0)
		return;
	if (c->flags & kReference) {
		const ReferenceInfo *info = trailer<ReferenceInfo>(c);
		if (info->cleanup)
			info->cleanup(c->buffer, c->capacity, info->arg);
	} else if (c->flags & kView) {
		chain_release(*trailer<Chain *>(c));
	} else if (c->flags & kFileSegment) {
		segment_release(*trailer<evbuffer_file_segment *>(c));
	}
	mm::release(c);
}

void release_all(Chain *c)
{
	while (c) {
		Chain *next = c->next;
		chain_release(c);
		c = next;
	}
}

void realign(Chain *c)
{
	memmove(c->buffer, c->data(), c->off);
	c->misalign = 0;
}

} // namespace evcxx::buffer
