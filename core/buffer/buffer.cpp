#include "core/buffer/buffer.hpp"

#include "core/util/mm.hpp"

namespace evcxx::buffer {

void LockedPair::lock_in_order()
{
	if (first_ == second_)
		second_ = nullptr;
	else if (reinterpret_cast<uintptr_t>(first_) > reinterpret_cast<uintptr_t>(second_)) {
		void *t = first_;
		first_ = second_;
		second_ = t;
	}
	thread::lock(first_);
	thread::lock(second_);
}

evbuffer *create()
{
	evbuffer *b = mm::make<evbuffer>();
	if (b)
		buffer_created();
	return b;
}

void release(evbuffer *b)
{
	thread::lock(b->lock);
	if (--b->refs > 0) {
		thread::unlock(b->lock);
		return;
	}
	release_all(b->first);
	reset_chains(b);
	remove_all_callbacks(b);
	cancel_deferred(b);
	thread::unlock(b->lock);
	if (b->own_lock)
		thread::free_lock(b->lock, EVTHREAD_LOCKTYPE_RECURSIVE);
	mm::destroy(b);
	buffer_released();
}

int enable_locking(evbuffer *b, void *lock)
{
	if (b->lock)
		return -1;
	if (!lock) {
		lock = thread::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE);
		if (!lock)
			return -1;
		b->own_lock = true;
	}
	b->lock = lock;
	return 0;
}

int set_flags(evbuffer *b, uint64_t flags)
{
	Locked g(b);
	b->flags |= static_cast<uint32_t>(flags);
	return 0;
}

int clear_flags(evbuffer *b, uint64_t flags)
{
	Locked g(b);
	b->flags &= ~static_cast<uint32_t>(flags);
	return 0;
}

size_t length_taking_lock(evbuffer *b)
{
	Locked g(b);
	return b->total;
}

size_t contiguous_space(evbuffer *b)
{
	Locked g(b);
	return b->first ? b->first->off : 0;
}

} // namespace evcxx::buffer
