#include "core/util/mm.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace evcxx::mm {
namespace {
// Plain pointers: trivially destructible, safe to read after exit() starts.
MallocFn user_malloc = nullptr;
ReallocFn user_realloc = nullptr;
FreeFn user_free = nullptr;
} // namespace

void set_functions(MallocFn m, ReallocFn r, FreeFn f)
{
	user_malloc = m;
	user_realloc = r;
	user_free = f;
}

void *alloc(size_t n)
{
	if (n == 0)
		return nullptr;
	return user_malloc ? user_malloc(n) : std::malloc(n);
}

void *zalloc(size_t count, size_t size)
{
	if (count == 0 || size == 0)
		return nullptr;
	if (count > SIZE_MAX / size) {
		errno = ENOMEM;
		return nullptr;
	}
	const size_t total = count * size;
	if (!user_malloc)
		return std::calloc(count, size);
	void *p = user_malloc(total);
	if (p)
		std::memset(p, 0, total);
	return p;
}

void *realloc(void *p, size_t n)
{
	return user_realloc ? user_realloc(p, n) : std::realloc(p, n);
}

void release(void *p)
{
	if (user_free)
		user_free(p);
	else
		std::free(p);
}

char *strdup(const char *s)
{
	if (!s) {
		errno = EINVAL;
		return nullptr;
	}
	const size_t len = std::strlen(s);
	if (len == SIZE_MAX) {
		errno = ENOMEM;
		return nullptr;
	}
	auto *copy = static_cast<char *>(alloc(len + 1));
	if (copy)
		std::memcpy(copy, s, len + 1);
	return copy;
}

} // namespace evcxx::mm
