// struct evbuffer: a byte queue made of chains (chain.hpp), with change
// callbacks, freezing and an optional lock.
//
// `last_data` points at the link (`first` or some chain's `next`) that holds
// the last chain with data; chains after it are empty and only hold space
// handed out by reserve/expand. An empty buffer has last_data == &first.
#pragma once
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <event2/buffer.h>
#include <event2/buffer_compat.h>
#include <event2/event_struct.h>

#include "core/buffer/chain.hpp"
#include "core/thread/lock.hpp"

namespace evcxx::buffer {

enum CallbackFlags : uint32_t {
	kCbEnabled = EVBUFFER_CB_ENABLED,
	kCbNoDefer = 2,               // runs at once even when callbacks are deferred
	kCbUserMask = 0xffff,         // what evbuffer_cb_set_flags may change
	kCbObsolete = 0x40000,        // evbuffer_setcb's old-style function
};

struct CallbackEntry {
	CallbackEntry *next;
	union {
		evbuffer_cb_func fn;
		evbuffer_cb old_fn;
	};
	void *arg;
	uint32_t flags;
};

} // namespace evcxx::buffer

struct evbuffer {
	evcxx::buffer::Chain *first = nullptr;
	evcxx::buffer::Chain *last = nullptr;
	evcxx::buffer::Chain **last_data = &first;
	size_t total = 0;

	// Bytes added and removed since the callbacks last ran.
	size_t n_added = 0, n_deleted = 0;
	evcxx::buffer::CallbackEntry *callbacks = nullptr; // newest first, as upstream runs them

	void *lock = nullptr;
	bool own_lock = false;
	bool freeze_start = false, freeze_end = false;
	bool defer = false;
	// Some chain may still have its bytes on disk (sendfile segment).
	bool maybe_on_disk = false;
	uint32_t flags = 0; // EVBUFFER_FLAG_*
	// Owners: the application, plus a pending deferred callback run.
	int refs = 1;
	event_base *cb_base = nullptr;
	event_callback deferred_run;

	evbuffer() = default;
	evbuffer(const evbuffer &) = delete;
	evbuffer &operator=(const evbuffer &) = delete;
};

namespace evcxx::buffer {

// Holds a buffer's lock for a scope.
class Locked {
public:
	explicit Locked(evbuffer *b) : b_(b) { thread::lock(b->lock); }
	~Locked() { thread::unlock(b_->lock); }
	Locked(const Locked &) = delete;
	Locked &operator=(const Locked &) = delete;

private:
	evbuffer *b_;
};

// Holds two buffers' locks, taken in address order (one if they share it).
class LockedPair {
public:
	LockedPair(evbuffer *a, evbuffer *b) : first_(a->lock), second_(b->lock)
	{
		if (first_ || second_)
			lock_in_order();
	}
	~LockedPair()
	{
		thread::unlock(second_);
		thread::unlock(first_);
	}
	LockedPair(const LockedPair &) = delete;
	LockedPair &operator=(const LockedPair &) = delete;

private:
	void lock_in_order();
	void *first_, *second_;
};

// Functions named *_locked expect the caller to hold the buffer's lock; the
// others take it themselves (the facade calls those).

// ---- Life cycle, locking, flags (buffer.cpp) ----
evbuffer *create();
void release(evbuffer *b); // drops one owner; the last frees everything
int enable_locking(evbuffer *b, void *lock);
int set_flags(evbuffer *b, uint64_t flags);
int clear_flags(evbuffer *b, uint64_t flags);
// Inline, as length(): bufferevents freeze and unfreeze around every read,
// write and transfer.
inline int freeze(evbuffer *b, bool at_front)
{
	Locked g(b);
	(at_front ? b->freeze_start : b->freeze_end) = true;
	return 0;
}
inline int unfreeze(evbuffer *b, bool at_front)
{
	Locked g(b);
	(at_front ? b->freeze_start : b->freeze_end) = false;
	return 0;
}
// Inline for unlocked buffers: bufferevents ask for it at every step.
size_t length_taking_lock(evbuffer *b);
inline size_t length(evbuffer *b) { return b->lock ? length_taking_lock(b) : b->total; }
size_t contiguous_space(evbuffer *b);

// ---- Chain storage reuse (spare.cpp) ----
// A new chain with room for `size` bytes (the spare when its size is the one
// upstream allocates for `size`), or nullptr.
Chain *new_chain(size_t size);
// The spare chain whatever its size, emptied, or nullptr; give it back with
// drop_chain.
Chain *take_spare();
// A plain chain no one else holds leaves its buffer: kept as the spare when
// its size allows, released otherwise.
void keep_or_release(Chain *c);
// A chain leaves its buffer. Inline: references, views and file segments
// (pullup drops many) go straight to release.
inline void drop_chain(Chain *c)
{
	if (c->flags == 0 && c->refs == 1)
		keep_or_release(c);
	else
		chain_release(c);
}
// The same for a list of chains linked from `c`.
void drop_chains(Chain *c);
// Count live buffers; the spare goes with the last one.
void buffer_created();
void buffer_released();

// ---- Chain list plumbing shared by the operations (links.cpp) ----
// Append a chain after the last chain with data, dropping empty ones there.
void append_chain(evbuffer *b, Chain *c);
// Free the empty chains after the last chain with data (all chains when none
// has data); returns the link where a new chain goes.
Chain **drop_trailing_empty(evbuffer *b);
// Move last_data forward over chains that now hold data.
void advance_last_data(evbuffer *b);
// Forget all chains (after they were freed or handed to another buffer).
void reset_chains(evbuffer *b);
// Bring bytes of sendfile chains into memory before reading them.
bool ensure_in_memory(evbuffer *b);

// ---- Adding data (append.cpp) ----
int add(evbuffer *b, const void *data, size_t len);
// add_locked is inline, at the end of this file.
int add_elsewhere(evbuffer *b, Chain *c, const unsigned char *src, size_t len);
int prepend(evbuffer *b, const void *data, size_t len);
int add_vprintf(evbuffer *b, const char *fmt, va_list ap);
size_t add_iovec(evbuffer *b, const iovec *vec, int n);
int add_reference(evbuffer *b, const void *data, size_t len, evbuffer_ref_cleanup_cb cleanup, void *arg);

// ---- Space for writing in place (space.cpp) ----
// A chain with at least `len` writable bytes at the end of the data.
Chain *expand_single(evbuffer *b, size_t len);
// At least `len` writable bytes over at most `nchains` chains.
int expand_fast(evbuffer *b, size_t len, int nchains);
int expand(evbuffer *b, size_t len);
int reserve_space(evbuffer *b, ev_ssize_t len, iovec *vec, int n);
int commit_space(evbuffer *b, iovec *vec, int n);

// ---- Taking data out (extract.cpp) ----
int drain(evbuffer *b, size_t len);
int drain_locked(evbuffer *b, size_t len);
// Drop the first `len` bytes of a non-empty buffer (at most its length)
// without checks or callbacks; inline for the common case of bytes taken
// from inside the first chain.
void drop_front_chains(evbuffer *b, size_t len);
inline void drop_front(evbuffer *b, size_t len)
{
	Chain *c = b->first;
	if (len < c->off) {
		c->misalign += len;
		c->off -= len;
		b->total -= len;
		return;
	}
	drop_front_chains(b, len);
}
int remove(evbuffer *b, void *out, size_t len);
// Copy `len` bytes (all there) from offset `in_chain` of `c` on.
void copy_out(const Chain *c, size_t in_chain, void *out, size_t len);
ev_ssize_t copyout_locked(evbuffer *b, const evbuffer_ptr *pos, void *out, size_t len);
ev_ssize_t copyout_from(evbuffer *b, const evbuffer_ptr *pos, void *out, size_t len);
unsigned char *pullup(evbuffer *b, ev_ssize_t len);
int peek(evbuffer *b, ev_ssize_t len, const evbuffer_ptr *start, iovec *vec, int n);

// ---- Moving chains between buffers (transfer.cpp) ----
int add_buffer(evbuffer *dst, evbuffer *src);
int prepend_buffer(evbuffer *dst, evbuffer *src);
int remove_buffer(evbuffer *src, evbuffer *dst, size_t len);
int add_buffer_reference(evbuffer *dst, evbuffer *src);

// ---- Positions and searching (search.cpp) ----
int ptr_set(evbuffer *b, evbuffer_ptr *pos, size_t position, evbuffer_ptr_how how);
evbuffer_ptr search_range(evbuffer *b, const char *what, size_t len, const evbuffer_ptr *start,
                          const evbuffer_ptr *end);
evbuffer_ptr search_eol(evbuffer *b, const evbuffer_ptr *start, size_t *eol_len, evbuffer_eol_style style);
char *readln(evbuffer *b, size_t *n_read, evbuffer_eol_style style);
unsigned char *find(evbuffer *b, const unsigned char *what, size_t len);

// ---- File descriptors (io.cpp) ----
int read(evbuffer *b, int fd, int howmuch);
int write_atmost(evbuffer *b, int fd, ev_ssize_t howmuch);

// ---- Change callbacks (callbacks.cpp) ----
CallbackEntry *add_cb(evbuffer *b, evbuffer_cb_func fn, void *arg);
int remove_cb_entry(evbuffer *b, CallbackEntry *e);
int remove_cb(evbuffer *b, evbuffer_cb_func fn, void *arg);
int cb_set_flags(evbuffer *b, CallbackEntry *e, uint32_t flags);
int cb_clear_flags(evbuffer *b, CallbackEntry *e, uint32_t flags);
int setcb(evbuffer *b, evbuffer_cb fn, void *arg);
int defer_callbacks(evbuffer *b, event_base *base);
// The buffer has callbacks: run the due ones, schedule the deferred ones.
void report_changes(evbuffer *b);
// Report n_added/n_deleted to the callbacks (now, or from the loop when
// deferred). Inline: most buffers have none, and every change comes here.
inline void invoke_callbacks(evbuffer *b)
{
	if (b->callbacks) {
		report_changes(b);
		return;
	}
	b->n_added = b->n_deleted = 0;
}
void remove_all_callbacks(evbuffer *b);
void cancel_deferred(evbuffer *b);

// Inline: the bytes usually fit after the last data (add_elsewhere does
// the rest).
inline int add_locked(evbuffer *b, const void *data, size_t len)
{
	if (b->freeze_end || len > SIZE_MAX - b->total)
		return -1;
	// The chain holding the last data, or the first (empty) chain of an
	// empty buffer: the bytes go right after its data if they fit.
	Chain *c = *b->last_data;
	if (c && c->writable() && c->capacity - c->misalign - c->off >= len) {
		if (len)
			memcpy(c->space(), data, len);
		c->off += len;
		b->total += len;
		b->n_added += len;
		invoke_callbacks(b);
		return 0;
	}
	return add_elsewhere(b, c, static_cast<const unsigned char *>(data), len);
}

} // namespace evcxx::buffer
