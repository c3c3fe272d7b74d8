// Every allocation the library makes goes through here, so that
// event_set_mem_functions() sees all of it, as with upstream.
#pragma once
#include <cstddef>
#include <new>
#include <utility>

namespace evcxx::mm {

using MallocFn = void *(*)(size_t);
using ReallocFn = void *(*)(void *, size_t);
using FreeFn = void (*)(void *);

void set_functions(MallocFn m, ReallocFn r, FreeFn f);

// alloc(0) and zalloc with a zero or overflowing size return nullptr,
// matching upstream's mm_malloc/mm_calloc.
void *alloc(size_t n);
void *zalloc(size_t count, size_t size);
void *realloc(void *p, size_t n);
void release(void *p);
char *strdup(const char *s);

// Construct/destroy a C++ object in allocator memory. No exceptions: a
// failed allocation returns nullptr.
template <class T, class... Args>
T *make(Args &&...args)
{
	void *p = alloc(sizeof(T));
	if (!p)
		return nullptr;
	return new (p) T(std::forward<Args>(args)...);
}

template <class T>
void destroy(T *obj)
{
	if (!obj)
		return;
	obj->~T();
	release(obj);
}

} // namespace evcxx::mm
