// Per-fd state looked up in O(1) by fd number. Grows by doubling, through
// evcxx::mm, only when a larger fd is registered, so wait() never allocates.
#pragma once
#include <cstddef>

#include "core/util/mm.hpp"

namespace evcxx::backend {

template <class T>
class FdIndexed {
public:
	FdIndexed() = default;
	FdIndexed(const FdIndexed &) = delete;
	FdIndexed &operator=(const FdIndexed &) = delete;
	~FdIndexed() { mm::release(items_); }

	// Make fd a valid index; entries added start as `blank`. False when
	// memory runs out (the table is then unchanged).
	bool cover(int fd, const T &blank)
	{
		if (size_t(fd) < capacity_)
			return true;
		size_t wanted = capacity_ ? capacity_ : kFirstCapacity;
		while (wanted <= size_t(fd))
			wanted *= 2;
		void *grown = mm::realloc(items_, wanted * sizeof(T));
		if (!grown)
			return false;
		items_ = static_cast<T *>(grown);
		for (size_t i = capacity_; i < wanted; ++i)
			items_[i] = blank;
		capacity_ = wanted;
		return true;
	}

	bool contains(int fd) const { return fd >= 0 && size_t(fd) < capacity_; }
	size_t capacity() const { return capacity_; }
	T &operator[](int fd) { return items_[fd]; }

private:
	static constexpr size_t kFirstCapacity = 32;
	T *items_ = nullptr;
	size_t capacity_ = 0;
};

} // namespace evcxx::backend
