// Chain storage reuse. A connection fills and empties its buffers over and
// over (a read, then the application takes the bytes; a write, then the
// socket drains them), so one chain that left a buffer is kept for the next
// chain of the same size, saving a malloc/free pair per message
// (evbuffer_read even reads into its storage, keeping the copy away too).
//
// Only the sizes a buffer picks itself are kept (growth steps, reads of at
// most 4 KiB) and only an exact size match is reused, so chain layouts stay
// upstream's. There is one slot for the whole process, not one per buffer,
// so that idle connections hold no more memory than upstream's; it is
// emptied when the last buffer goes, so a program that frees everything
// gets every allocation back (event_set_mem_functions).
#include <atomic>
#include <bit>

#include "core/buffer/buffer.hpp"

namespace evcxx::buffer {

namespace {

constexpr size_t kMaxSpareAlloc = 2 * kMaxAutoSize;

// The slot holds the chain's address with its size class (log2 of the
// allocation over kMinAlloc) in the low bits, free since chains are 8-byte
// aligned: a size mismatch is seen without touching the chain.
constexpr uintptr_t kClassMask = 3;
static_assert(alignof(Chain) > kClassMask);
static_assert(std::bit_width(kMaxSpareAlloc / kMinAlloc) - 1 <= kClassMask);

std::atomic<uintptr_t> spare{0};
std::atomic<long> live_buffers{0};

uintptr_t size_class(size_t alloc) { return std::bit_width(alloc / kMinAlloc) - 1; }

Chain *chain_at(uintptr_t slot) { return reinterpret_cast<Chain *>(slot & ~kClassMask); }

// The chain of a slot just taken, emptied.
Chain *claim(uintptr_t slot)
{
	Chain *c = chain_at(slot);
	c->next = nullptr;
	c->misalign = c->off = 0;
	return c;
}

} // namespace

Chain *new_chain(size_t size)
{
	if (size <= kMaxSpareAlloc - sizeof(Chain)) {
		uintptr_t slot = spare.load(std::memory_order_relaxed);
		if (slot && (slot & kClassMask) == size_class(alloc_size_for(size)) &&
		    spare.compare_exchange_strong(slot, 0, std::memory_order_acquire, std::memory_order_relaxed))
			return claim(slot);
	}
	return chain_new(size);
}

Chain *take_spare()
{
	if (!spare.load(std::memory_order_relaxed))
		return nullptr;
	const uintptr_t slot = spare.exchange(0, std::memory_order_acquire);
	return slot ? claim(slot) : nullptr;
}

void keep_or_release(Chain *c)
{
	const size_t alloc = c->capacity + sizeof(Chain);
	if (alloc <= kMaxSpareAlloc) {
		const uintptr_t old = spare.exchange(reinterpret_cast<uintptr_t>(c) | size_class(alloc),
		                                     std::memory_order_acq_rel);
		if (!old)
			return;
		c = chain_at(old);
	}
	chain_release(c);
}

void drop_chains(Chain *c)
{
	while (c) {
		Chain *next = c->next;
		drop_chain(c);
		c = next;
	}
}

void buffer_created() { live_buffers.fetch_add(1, std::memory_order_relaxed); }

void buffer_released()
{
	if (live_buffers.fetch_sub(1, std::memory_order_acq_rel) != 1)
		return;
	if (const uintptr_t slot = spare.exchange(0, std::memory_order_acquire))
		chain_release(chain_at(slot));
}

} // namespace evcxx::buffer
