// Cryptographically strong random bytes, from glibc's arc4random (as in
// Debian's libevent build, which has EVENT__HAVE_ARC4RANDOM_BUF).
#pragma once
#include <cstddef>

namespace evcxx::util {

void random_bytes(void *buf, size_t n);

// arc4random seeds itself from the kernel; forcing that now returns 0.
int seed_random();

// arc4random reads no device file: upstream's arc4random build refuses the
// request with -1, and so do we.
int set_random_device(const char *path);

// arc4random takes no caller entropy; upstream's build ignores it too.
void add_random_entropy(const void *data, size_t n);

} // namespace evcxx::util
