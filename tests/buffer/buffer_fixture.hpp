// Helpers for the evbuffer tests: contents as a string, chain sizes, and
// buffers built from pieces that are one chain each.
#pragma once
#include <string>
#include <vector>

#include <event2/buffer.h>

namespace buffer_test {

inline std::string contents(evbuffer *b)
{
	std::string s(evbuffer_get_length(b), '\0');
	if (!s.empty())
		evbuffer_copyout(b, &s[0], s.size());
	return s;
}

inline std::vector<evbuffer_iovec> chains(evbuffer *b)
{
	std::vector<evbuffer_iovec> v(static_cast<size_t>(evbuffer_peek(b, -1, nullptr, nullptr, 0)));
	if (!v.empty())
		evbuffer_peek(b, -1, nullptr, v.data(), static_cast<int>(v.size()));
	return v;
}

inline std::vector<size_t> chain_sizes(evbuffer *b)
{
	std::vector<size_t> sizes;
	for (const evbuffer_iovec &v : chains(b))
		sizes.push_back(v.iov_len);
	return sizes;
}

// Each piece becomes its own chain (moved in from a buffer of its own).
inline evbuffer *from_pieces(const std::vector<std::string> &pieces)
{
	evbuffer *b = evbuffer_new();
	for (const std::string &p : pieces) {
		evbuffer *piece = evbuffer_new();
		evbuffer_add(piece, p.data(), p.size());
		evbuffer_add_buffer(b, piece);
		evbuffer_free(piece);
	}
	return b;
}

struct Buf {
	evbuffer *b = evbuffer_new();
	Buf() = default;
	explicit Buf(evbuffer *owned) : b(owned) {}
	~Buf() { evbuffer_free(b); }
	Buf(const Buf &) = delete;
	Buf &operator=(const Buf &) = delete;
	operator evbuffer *() const { return b; }
};

} // namespace buffer_test
