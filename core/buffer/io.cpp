// Reading from and writing to file descriptors.
//
// One evbuffer_read takes in at most 4096 bytes, as upstream's does. Upstream
// asks the kernel how much is waiting (FIONREAD) and sizes the new chain to
// that; we skip the extra system call and read the overflow past the space
// already in the buffer into a stack area instead, then allocate the chain
// upstream would have allocated for that amount. Chain layout stays the
// same as upstream's, which programs can see through peek and reserve.
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/buffer/buffer.hpp"
#include "core/buffer/file_segment.hpp"
#include "core/util/log.hpp"

namespace evcxx::buffer {

namespace {

constexpr size_t kMaxRead = 4096;
constexpr int kReadChains = 4;
constexpr int kWriteVecs = 128;

// Writable areas for one read: existing space first, then the spare
// chain's storage (borrowed), then the stack area.
struct ReadPlan {
	iovec vec[kReadChains + 2];
	Chain **link[kReadChains]; // the link holding the chain of vec[i]
	int nchains = 0;
	int nvec = 0;
	size_t room = 0; // space in those chains, trimmed to the cap
	Chain *borrowed = nullptr;
};

// The chains with space that upstream's expand step would count, up to `cap` bytes.
void plan_space(evbuffer *b, size_t cap, ReadPlan *plan)
{
	if (!b->last || !b->last->writable())
		return;
	for (Chain **link = b->last_data; *link && plan->room < cap && plan->nchains < kReadChains;
	     link = &(*link)->next) {
		Chain *c = *link;
		if (c->off == 0)
			c->misalign = 0;
		size_t space = c->space_len();
		if (!space)
			continue;
		if (space > cap - plan->room)
			space = cap - plan->room;
		plan->vec[plan->nchains] = iovec{c->space(), space};
		plan->link[plan->nchains++] = link;
		plan->room += space;
	}
}

// Account `got` bytes read into the planned areas; returns how many were
// kept. Bytes beyond the existing space go to one new chain sized as
// upstream's would have been: the borrowed spare, where they landed, when
// it is that size, otherwise a copy. With four chains of space already,
// upstream keeps only the last data chain's space and replaces the empty
// chains by one: their bytes move into the new chain.
size_t settle_read(evbuffer *b, ReadPlan &plan, size_t got)
{
	int kept = plan.nchains;
	const bool replace_empty = got > plan.room && plan.nchains == kReadChains;
	if (replace_empty) {
		const Chain *keep = *b->last_data;
		kept = (keep->off && *plan.link[0] == keep) ? 1 : 0;
	}
	size_t left = got;
	for (int i = 0; i < kept && left; ++i) {
		const size_t n = left < plan.vec[i].iov_len ? left : plan.vec[i].iov_len;
		(*plan.link[i])->off += n;
		left -= n;
		b->last_data = plan.link[i];
	}
	Chain *c = nullptr;
	if (left && kept == plan.nchains && plan.borrowed && sized_for(plan.borrowed, left)) {
		c = plan.borrowed;
		plan.borrowed = nullptr;
	} else if (left) {
		c = new_chain(left);
		size_t at = 0;
		for (int i = kept; c && at < left; ++i) {
			const size_t n = left - at < plan.vec[i].iov_len ? left - at : plan.vec[i].iov_len;
			memcpy(c->buffer + at, plan.vec[i].iov_base, n);
			at += n;
		}
	}
	if (plan.borrowed)
		drop_chain(plan.borrowed);
	if (!left)
		return got;
	if (!c) {
		log::warn("evbuffer_read: out of memory, %zu bytes read were lost", left);
		return got - left;
	}
	c->off = left;
	// The chains whose bytes were copied count as empty now and go.
	Chain **link = drop_trailing_empty(b);
	*link = c;
	b->last = c;
	b->last_data = link;
	return got;
}

int write_file_chain(evbuffer *b, int fd, size_t len)
{
	Chain *c = b->first;
	const evbuffer_file_segment *seg = *trailer<evbuffer_file_segment *>(c);
	off_t from = static_cast<off_t>(c->misalign);
	if (len > c->off)
		len = c->off;
	const ssize_t n = sendfile(fd, seg->fd, &from, len);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	return static_cast<int>(n);
}

int write_vecs(evbuffer *b, int fd, size_t len)
{
	iovec vec[kWriteVecs];
	int n = 0;
	for (Chain *c = b->first; c && len && n < kWriteVecs; c = c->next) {
		if (c->flags & kSendfile)
			break;
		const size_t take = len < c->off ? len : c->off;
		vec[n++] = iovec{c->data(), take};
		len -= take;
	}
	if (n == 0)
		return 0;
	return static_cast<int>(writev(fd, vec, n));
}

} // namespace

int read(evbuffer *b, int fd, int howmuch)
{
	Locked g(b);
	if (b->freeze_end)
		return -1;
	const size_t cap = (howmuch < 0 || static_cast<size_t>(howmuch) > kMaxRead) ? kMaxRead : static_cast<size_t>(howmuch);
	ReadPlan plan;
	plan_space(b, cap, &plan);
	unsigned char spill[kMaxRead];
	plan.nvec = plan.nchains;
	if (plan.room < cap) {
		size_t want = cap - plan.room;
		if ((plan.borrowed = take_spare())) {
			const size_t n = want < plan.borrowed->capacity ? want : plan.borrowed->capacity;
			plan.vec[plan.nvec++] = iovec{plan.borrowed->buffer, n};
			want -= n;
		}
		if (want)
			plan.vec[plan.nvec++] = iovec{spill, want};
	}
	const ssize_t got = plan.nvec ? readv(fd, plan.vec, plan.nvec) : 0;
	if (got <= 0) {
		const int saved = errno;
		if (plan.borrowed)
			drop_chain(plan.borrowed);
		// Upstream reserved room for a full read before reading.
		expand_fast(b, cap, kReadChains);
		errno = saved;
		return got < 0 ? -1 : 0;
	}
	const size_t kept = settle_read(b, plan, static_cast<size_t>(got));
	b->total += kept;
	b->n_added += kept;
	invoke_callbacks(b);
	return kept ? static_cast<int>(kept) : -1;
}

int write_atmost(evbuffer *b, int fd, ev_ssize_t howmuch)
{
	Locked g(b);
	if (b->freeze_start)
		return -1;
	const size_t len = (howmuch < 0 || static_cast<size_t>(howmuch) > b->total) ? b->total : static_cast<size_t>(howmuch);
	if (len == 0)
		return -1;
	const int n = (b->first->flags & kSendfile) ? write_file_chain(b, fd, len) : write_vecs(b, fd, len);
	if (n > 0)
		drain_locked(b, static_cast<size_t>(n));
	return n;
}

} // namespace evcxx::buffer
