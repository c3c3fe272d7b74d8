// Positions inside a buffer, searching, and line reading.
#include <cstring>

#include "core/buffer/buffer.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::buffer {

namespace {

constexpr ev_ssize_t kSsizeMax = INT64_MAX;

void not_found(evbuffer_ptr *p)
{
	p->pos = -1;
	p->internal_.chain = nullptr;
	p->internal_.pos_in_chain = 0;
}

evbuffer_ptr start_of(const evbuffer *b)
{
	evbuffer_ptr p;
	p.pos = 0;
	p.internal_.chain = b->first;
	p.internal_.pos_in_chain = 0;
	return p;
}

Chain *chain_of(const evbuffer_ptr &p) { return static_cast<Chain *>(p.internal_.chain); }

// Step forward `n` bytes; false (and `p` marked not found) past the end.
bool advance(evbuffer_ptr *p, size_t n)
{
	Chain *c = chain_of(*p);
	size_t in_chain = p->internal_.pos_in_chain;
	while (c && in_chain + n >= c->off) {
		n -= c->off - in_chain;
		c = c->next;
		in_chain = 0;
	}
	if (!c && n) {
		not_found(p);
		return false;
	}
	p->internal_.chain = c;
	p->internal_.pos_in_chain = c ? in_chain + n : 0;
	return true;
}

// Whether the bytes at `p` equal `what`.
bool matches_at(const evbuffer *b, const evbuffer_ptr &p, const char *what, size_t len)
{
	if (p.pos < 0 || kSsizeMax - static_cast<ev_ssize_t>(len) < p.pos ||
	    static_cast<size_t>(p.pos) + len > b->total)
		return false;
	const Chain *c = chain_of(p);
	size_t in_chain = p.internal_.pos_in_chain;
	while (len) {
		size_t n = c->off - in_chain;
		if (n > len)
			n = len;
		if (memcmp(c->data() + in_chain, what, n) != 0)
			return false;
		what += n;
		len -= n;
		c = c->next;
		in_chain = 0;
	}
	return true;
}

// Move `p` to the first byte at or after it where `find(data, n)` (the
// index of a hit in data[0..n), or n) reports a hit. `*before` (if given)
// is set to the last chain with bytes scanned ahead of the hit's chain.
template <class Find>
bool find_first(evbuffer_ptr *p, Find find, const Chain **before = nullptr)
{
	Chain *c = chain_of(*p);
	size_t in_chain = p->internal_.pos_in_chain;
	ev_ssize_t pos = p->pos;
	const Chain *scanned = nullptr;
	for (; c; c = c->next, in_chain = 0) {
		const size_t n = c->off - in_chain;
		const size_t i = find(c->data() + in_chain, n);
		if (i < n) {
			p->pos = pos + static_cast<ev_ssize_t>(i);
			p->internal_.chain = c;
			p->internal_.pos_in_chain = in_chain + i;
			if (before)
				*before = scanned;
			return true;
		}
		pos += static_cast<ev_ssize_t>(n);
		if (n)
			scanned = c;
	}
	return false;
}

bool find_byte(evbuffer_ptr *p, unsigned char ch, const Chain **before = nullptr)
{
	return find_first(
		p,
		[ch](const unsigned char *d, size_t n) {
			auto *hit = static_cast<const unsigned char *>(memchr(d, ch, n));
			return hit ? static_cast<size_t>(hit - d) : n;
		},
		before);
}

bool find_cr_or_lf(evbuffer_ptr *p)
{
	return find_first(p, [](const unsigned char *d, size_t n) {
		size_t i = 0;
		while (i < n && d[i] != '\r' && d[i] != '\n')
			++i;
		return i;
	});
}

// How many CR and LF bytes follow one another from `p` on.
size_t cr_lf_run(evbuffer_ptr p)
{
	size_t n = 0;
	for (Chain *c = chain_of(p); c; c = c->next, p.internal_.pos_in_chain = 0) {
		const unsigned char *d = c->data();
		for (size_t i = p.internal_.pos_in_chain; i < c->off; ++i, ++n)
			if (d[i] != '\r' && d[i] != '\n')
				return n;
	}
	return n;
}

// Move `p` to the first occurrence of the needle that ends by `end` (when
// given). memchr to each candidate first byte; a candidate whose last byte
// differs is dropped without a call, the others are compared in place when
// the needle fits in the chain (the common case) or across chains.
bool find_needle(const evbuffer *b, evbuffer_ptr *p, const unsigned char *needle, size_t len,
                 const evbuffer_ptr *end)
{
	const unsigned char first = needle[0], last = needle[len - 1];
	size_t at = p->internal_.pos_in_chain;
	ev_ssize_t chain_start = p->pos - static_cast<ev_ssize_t>(at);
	for (Chain *c = chain_of(*p); c; chain_start += static_cast<ev_ssize_t>(c->off), c = c->next, at = 0) {
		const unsigned char *d = c->data();
		const size_t off = c->off;
		while (at < off) {
			const auto *hit = static_cast<const unsigned char *>(memchr(d + at, first, off - at));
			if (!hit)
				break;
			at = static_cast<size_t>(hit - d);
			const ev_ssize_t pos = chain_start + static_cast<ev_ssize_t>(at);
			if (end && pos >= end->pos)
				return false;
			bool match;
			if (at + len <= off) {
				match = hit[len - 1] == last && memcmp(hit, needle, len) == 0;
			} else {
				evbuffer_ptr candidate;
				candidate.pos = pos;
				candidate.internal_.chain = c;
				candidate.internal_.pos_in_chain = at;
				match = matches_at(b, candidate, reinterpret_cast<const char *>(needle), len);
			}
			if (match) {
				if (end && pos + static_cast<ev_ssize_t>(len) > end->pos)
					return false;
				p->pos = pos;
				p->internal_.chain = c;
				p->internal_.pos_in_chain = at;
				return true;
			}
			++at;
		}
	}
	return false;
}

evbuffer_ptr search_locked(evbuffer *b, const char *what, size_t len, const evbuffer_ptr *start,
                           const evbuffer_ptr *end)
{
	evbuffer_ptr p = start ? *start : start_of(b);
	if (len == 0 || len > static_cast<size_t>(kSsizeMax))
		return p;
	if (p.pos < 0 || !find_needle(b, &p, reinterpret_cast<const unsigned char *>(what), len, end))
		not_found(&p);
	return p;
}

evbuffer_ptr search_eol_locked(evbuffer *b, const evbuffer_ptr *start, size_t *eol_len, evbuffer_eol_style style)
{
	evbuffer_ptr p = start ? *start : start_of(b);
	size_t n = 0;
	bool found = false;
	if (p.pos >= 0) {
		switch (style) {
		case EVBUFFER_EOL_ANY:
			found = find_cr_or_lf(&p);
			if (found)
				n = cr_lf_run(p);
			break;
		case EVBUFFER_EOL_CRLF_STRICT:
			p = search_locked(b, "\r\n", 2, &p, nullptr);
			found = p.pos >= 0;
			n = 2;
			break;
		case EVBUFFER_EOL_CRLF: {
			const ev_ssize_t from = p.pos;
			const Chain *before = nullptr;
			found = find_byte(&p, '\n', &before);
			n = 1;
			if (found && p.pos > from) {
				// A CR right before the LF (the last byte scanned before it,
				// maybe in an earlier chain) belongs to the line ending.
				const size_t i = p.internal_.pos_in_chain;
				const Chain *cr = i ? chain_of(p) : before;
				const size_t cr_at = i ? i - 1 : cr->off - 1;
				if (cr->data()[cr_at] == '\r') {
					--p.pos;
					p.internal_.chain = const_cast<Chain *>(cr);
					p.internal_.pos_in_chain = cr_at;
					n = 2;
				}
			}
			break;
		}
		case EVBUFFER_EOL_LF:
			found = find_byte(&p, '\n');
			n = 1;
			break;
		case EVBUFFER_EOL_NUL:
			found = find_byte(&p, '\0');
			n = 1;
			break;
		default:
			break;
		}
	}
	if (!found) {
		not_found(&p);
		n = 0;
	}
	if (eol_len)
		*eol_len = n;
	return p;
}

// The common case of line reading: an LF-ended line (EVBUFFER_EOL_LF, or
// CRLF with its optional CR) wholly in the first chain. Its length and the
// ending's, or false to search the general way.
bool lf_line_in_first_chain(const evbuffer *b, evbuffer_eol_style style, size_t *n, size_t *eol_len)
{
	const Chain *c = b->first;
	if ((style != EVBUFFER_EOL_CRLF && style != EVBUFFER_EOL_LF) || !c)
		return false;
	const unsigned char *d = c->data();
	const auto *lf = static_cast<const unsigned char *>(memchr(d, '\n', c->off));
	if (!lf)
		return false;
	*n = static_cast<size_t>(lf - d);
	*eol_len = 1;
	if (style == EVBUFFER_EOL_CRLF && *n && lf[-1] == '\r') {
		--*n;
		*eol_len = 2;
	}
	return true;
}

} // namespace

int ptr_set(evbuffer *b, evbuffer_ptr *pos, size_t position, evbuffer_ptr_how how)
{
	Locked g(b);
	switch (how) {
	case EVBUFFER_PTR_SET:
		*pos = start_of(b);
		pos->pos = static_cast<ev_ssize_t>(position);
		break;
	case EVBUFFER_PTR_ADD:
		if (pos->pos < 0 || static_cast<size_t>(kSsizeMax - pos->pos) < position)
			return -1;
		pos->pos += static_cast<ev_ssize_t>(position);
		break;
	default:
		log::warnx("evbuffer_ptr_set: unknown mode %d", static_cast<int>(how));
		return -1;
	}
	if (!advance(pos, position))
		return -1;
	return 0;
}

evbuffer_ptr search_range(evbuffer *b, const char *what, size_t len, const evbuffer_ptr *start,
                          const evbuffer_ptr *end)
{
	Locked g(b);
	if (!ensure_in_memory(b)) {
		evbuffer_ptr p;
		not_found(&p);
		return p;
	}
	return search_locked(b, what, len, start, end);
}

evbuffer_ptr search_eol(evbuffer *b, const evbuffer_ptr *start, size_t *eol_len, evbuffer_eol_style style)
{
	Locked g(b);
	if (!ensure_in_memory(b)) {
		evbuffer_ptr p;
		not_found(&p);
		if (eol_len)
			*eol_len = 0;
		return p;
	}
	return search_eol_locked(b, start, eol_len, style);
}

char *readln(evbuffer *b, size_t *n_read, evbuffer_eol_style style)
{
	Locked g(b);
	if (n_read)
		*n_read = 0;
	if (b->freeze_start || !ensure_in_memory(b))
		return nullptr;
	size_t n, eol_len;
	if (!lf_line_in_first_chain(b, style, &n, &eol_len)) {
		const evbuffer_ptr at = search_eol_locked(b, nullptr, &eol_len, style);
		if (at.pos < 0)
			return nullptr;
		n = static_cast<size_t>(at.pos);
	}
	auto *line = static_cast<char *>(mm::alloc(n + 1));
	if (!line) {
		log::warn("evbuffer_readln: out of memory");
		return nullptr;
	}
	if (n)
		copy_out(b->first, 0, line, n);
	line[n] = '\0';
	// Callbacks see the line, then its ending, go (two steps, as upstream).
	size_t gone = n + eol_len;
	if (n && b->callbacks) {
		drain_locked(b, n);
		gone = eol_len;
	}
	drain_locked(b, gone);
	if (n_read)
		*n_read = n;
	return line;
}

unsigned char *find(evbuffer *b, const unsigned char *what, size_t len)
{
	Locked g(b);
	evbuffer_ptr at = search_range(b, reinterpret_cast<const char *>(what), len, nullptr, nullptr);
	if (at.pos < 0)
		return nullptr;
	unsigned char *data = pullup(b, at.pos + static_cast<ev_ssize_t>(len));
	return data ? data + at.pos : nullptr;
}

} // namespace evcxx::buffer
