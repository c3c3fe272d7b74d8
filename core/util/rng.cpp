#include "core/util/rng.hpp"

#include <cstdlib>

namespace evcxx::util {

void random_bytes(void *buf, size_t n) { arc4random_buf(buf, n); }

int seed_random()
{
	(void)arc4random();
	return 0;
}

int set_random_device(const char *) { return -1; }

void add_random_entropy(const void *, size_t) {}

} // namespace evcxx::util
