// Reading and removing bytes from the front.
#include <cstring>

#include "core/buffer/buffer.hpp"
#include "core/util/log.hpp"

namespace evcxx::buffer {

void drop_front_chains(evbuffer *b, size_t len)
{
	if (len >= b->total) {
		drop_chains(b->first);
		reset_chains(b);
		return;
	}
	b->total -= len;
	Chain *c = b->first;
	while (len >= c->off) {
		Chain *next = c->next;
		len -= c->off;
		if (c == *b->last_data || &c->next == b->last_data)
			b->last_data = &b->first;
		drop_chain(c);
		c = next;
	}
	b->first = c;
	c->misalign += len;
	c->off -= len;
}

int drain_locked(evbuffer *b, size_t len)
{
	// An empty buffer drains "successfully" even when frozen, as upstream's.
	if (b->total == 0)
		return 0;
	if (b->freeze_start)
		return -1;
	if (len > b->total)
		len = b->total;
	drop_front(b, len);
	b->n_deleted += len;
	invoke_callbacks(b);
	return 0;
}

int drain(evbuffer *b, size_t len)
{
	Locked g(b);
	return drain_locked(b, len);
}

void copy_out(const Chain *c, size_t in_chain, void *out, size_t len)
{
	auto *dst = static_cast<unsigned char *>(out);
	while (len) {
		size_t n = c->off - in_chain;
		if (n > len)
			n = len;
		memcpy(dst, c->data() + in_chain, n);
		dst += n;
		len -= n;
		c = c->next;
		in_chain = 0;
	}
}

ev_ssize_t copyout_locked(evbuffer *b, const evbuffer_ptr *pos, void *out, size_t len)
{
	const Chain *c;
	size_t in_chain;
	if (pos) {
		if (pos->pos < 0 || len > static_cast<size_t>(INT64_MAX - pos->pos))
			return -1;
		c = static_cast<const Chain *>(pos->internal_.chain);
		in_chain = pos->internal_.pos_in_chain;
		if (static_cast<size_t>(pos->pos) >= b->total)
			return 0;
		if (len + static_cast<size_t>(pos->pos) > b->total)
			len = b->total - static_cast<size_t>(pos->pos);
	} else {
		c = b->first;
		in_chain = 0;
		if (len > b->total)
			len = b->total;
	}
	if (len == 0)
		return 0;
	if (b->freeze_start || !ensure_in_memory(b))
		return -1;
	copy_out(c, in_chain, out, len);
	return static_cast<ev_ssize_t>(len);
}

ev_ssize_t copyout_from(evbuffer *b, const evbuffer_ptr *pos, void *out, size_t len)
{
	Locked g(b);
	return copyout_locked(b, pos, out, len);
}

namespace {

// remove() when the bytes are not all in the first chain. Out of line, so
// that the fast path saves few registers.
[[gnu::noinline]] int remove_across(evbuffer *b, void *out, size_t len)
{
	ev_ssize_t n = copyout_locked(b, nullptr, out, len);
	if (n > 0 && drain_locked(b, static_cast<size_t>(n)) < 0)
		return -1;
	return static_cast<int>(n);
}

} // namespace

int remove(evbuffer *b, void *out, size_t len)
{
	Locked g(b);
	const Chain *c = b->first;
	// Most reads take bytes the first chain holds.
	if (c && len && len <= c->off && !b->freeze_start && !b->maybe_on_disk) {
		memcpy(out, c->data(), len);
		drop_front(b, len);
		b->n_deleted += len;
		invoke_callbacks(b);
		return static_cast<int>(len);
	}
	return remove_across(b, out, len);
}

unsigned char *pullup(evbuffer *b, ev_ssize_t len)
{
	Locked g(b);
	size_t size = len < 0 ? b->total : static_cast<size_t>(len);
	if (size == 0 || size > b->total || !ensure_in_memory(b))
		return nullptr;
	Chain *c = b->first;
	if (c->off >= size)
		return c->data();
	// Gather into the first chain if it has room after its data start,
	// otherwise into a new first chain.
	Chain *head;
	unsigned char *dst;
	if (c->writable() && c->capacity - c->misalign >= size) {
		head = c;
		dst = c->space();
		size -= c->off;
		head->off += size;
		c = c->next;
	} else {
		head = new_chain(size);
		if (!head) {
			log::warn("evbuffer_pullup: out of memory");
			return nullptr;
		}
		dst = head->buffer;
		head->off = size;
		b->first = head;
	}
	const Chain *last_data = *b->last_data;
	bool lost_last_data = false, lost_last_link = false;
	while (c && size >= c->off) {
		Chain *next = c->next;
		memcpy(dst, c->data(), c->off);
		dst += c->off;
		size -= c->off;
		lost_last_data |= c == last_data;
		lost_last_link |= &c->next == b->last_data;
		drop_chain(c);
		c = next;
	}
	if (c) {
		memcpy(dst, c->data(), size);
		c->misalign += size;
		c->off -= size;
	} else {
		b->last = head;
	}
	head->next = c;
	if (lost_last_data) {
		b->last_data = &b->first;
	} else if (lost_last_link) {
		b->last_data = (head->next && head->next->off) ? &head->next : &b->first;
	}
	return head->data();
}

int peek(evbuffer *b, ev_ssize_t len, const evbuffer_ptr *start, iovec *vec, int n)
{
	Locked g(b);
	if (!ensure_in_memory(b))
		return -1;
	Chain *c = b->first;
	size_t so_far = 0;
	int i = 0;
	if (start) {
		if (start->pos < 0) {
			log::warnx("evbuffer_peek: invalid start position");
			return -1;
		}
		c = static_cast<Chain *>(start->internal_.chain);
		if (!c)
			return 0;
		so_far = c->off - start->internal_.pos_in_chain;
		if (n > 0) {
			vec[0].iov_base = c->data() + start->internal_.pos_in_chain;
			vec[0].iov_len = so_far;
		}
		i = 1;
		c = c->next;
	}
	if (n == 0 && len < 0) {
		// No room for vectors: count what "everything" would need.
		len = static_cast<ev_ssize_t>(b->total) - (start ? start->pos : 0);
	}
	for (; c; c = c->next) {
		if (len >= 0 && so_far >= static_cast<size_t>(len))
			break;
		if (i < n) {
			vec[i].iov_base = c->data();
			vec[i].iov_len = c->off;
		} else if (len < 0) {
			break;
		}
		++i;
		so_far += c->off;
	}
	return i;
}

} // namespace evcxx::buffer
