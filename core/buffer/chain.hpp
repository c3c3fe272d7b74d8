// One segment of an evbuffer: a run of bytes [misalign, misalign + off) inside
// a storage area of `capacity` bytes. Chains form a singly-linked list.
//
// Storage sizes follow upstream's rule (power-of-two allocations of at least
// 1 KiB, minus a 48-byte header), because a C program sees them through
// evbuffer_reserve_space and evbuffer_peek. Our header is exactly those 48
// bytes, so each allocation is the same size as upstream's too. Chains that
// do not own their bytes (references, views of another buffer's chain, file
// segments) allocate only the header plus a small trailer.
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>

#include <event2/buffer.h>

namespace evcxx::buffer {

enum ChainFlags : uint32_t {
	kImmutable = 1u << 0,   // never written: references, views and their sources, file data
	kReference = 1u << 1,   // evbuffer_add_reference memory, trailer ReferenceInfo
	kView = 1u << 2,        // evbuffer_add_buffer_reference, trailer Chain *source
	kFileSegment = 1u << 3, // trailer FileSegment *
	kSendfile = 1u << 4,    // file bytes still on disk: misalign is the file offset
};

struct Chain {
	Chain *next;
	unsigned char *buffer;
	size_t capacity;
	size_t misalign;
	size_t off;
	uint32_t flags;
	// Owners of this chain: 1, plus one per view of it in another buffer.
	uint32_t refs;

	unsigned char *data() const { return buffer + misalign; }
	unsigned char *space() const { return buffer + misalign + off; }
	// Writable bytes after the data.
	size_t space_len() const { return writable() ? capacity - misalign - off : 0; }
	bool writable() const { return !(flags & kImmutable); }
};
static_assert(sizeof(Chain) == 48, "chain header is upstream's size: storage sizes are observable");

struct ReferenceInfo {
	evbuffer_ref_cleanup_cb cleanup;
	void *arg;
};

// Largest chain (upstream's EVBUFFER_CHAIN_MAX): anything bigger is refused.
inline constexpr size_t kChainMax = static_cast<size_t>(INT64_MAX);
// Storage we never ask malloc for: no machine we run on has it, and
// sanitizer allocators abort on such requests instead of failing them.
inline constexpr size_t kMaxStorage = size_t(1) << 39;
// Upstream's growth policy constants (observable through chain layout).
inline constexpr size_t kMinAlloc = 1024;
inline constexpr size_t kMaxAutoSize = 4096;
inline constexpr size_t kMaxToCopyInExpand = 4096;
inline constexpr size_t kMaxToRealign = 2048;

// The allocation (header included) of a chain with room for `size` bytes:
// the next power of two, at least kMinAlloc. `size` <= kMaxStorage.
inline size_t alloc_size_for(size_t size)
{
	const size_t want = size + sizeof(Chain);
	return want <= kMinAlloc ? kMinAlloc : std::bit_ceil(want);
}
// Whether `c` (a chain_new chain) is the size chain_new(size) makes.
inline bool sized_for(const Chain *c, size_t size) { return c->capacity + sizeof(Chain) == alloc_size_for(size); }
// A chain with room for at least `size` bytes, or nullptr.
Chain *chain_new(size_t size);
// A chain with no storage of its own and `trailer` bytes after the header.
Chain *chain_new_bare(size_t trailer);
template <class T>
T *trailer(Chain *c)
{
	return reinterpret_cast<T *>(c + 1);
}
// Drop one owner; the last one releases the storage (running a reference's
// cleanup callback or dropping a file segment).
void chain_release(Chain *c);
void release_all(Chain *c);

// Moving the data to the start pays off: room for `datlen` more appears
// without copying much.
inline bool should_realign(const Chain *c, size_t datlen)
{
	return c->writable() && c->capacity - c->off >= datlen && c->off < c->capacity / 2 &&
	       c->off <= kMaxToRealign;
}
void realign(Chain *c);

} // namespace evcxx::buffer
