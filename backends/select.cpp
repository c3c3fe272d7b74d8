// select(2) backend, using pselect(2) for nanosecond timeouts.
//
// Kernel quirks handled here:
// - The kernel takes fd bitmaps of any length (nfds bits, in longs), while
//   fd_set and the FD_* macros stop at FD_SETSIZE (1024) and glibc's
//   fortified FD_SET aborts beyond it. So the bitmaps are our own arrays of
//   longs, grown with the highest fd, and edited with our own bit arithmetic.
// - select overwrites its sets, so the wanted sets are copied to scratch
//   sets before each call.
// - A closed fd in a set fails the whole call with EBADF, as with upstream.
// - EV_CLOSED is not offered, as upstream's select backend does not.
#include <sys/select.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "backends/backend.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::backend {
namespace {

using Word = unsigned long; // the kernel reads fd sets as arrays of longs
constexpr int kBitsPerWord = int(sizeof(Word) * CHAR_BIT);
constexpr size_t kFirstWords = FD_SETSIZE / kBitsPerWord;

Word bit_of(int fd) { return Word(1) << (fd % kBitsPerWord); }

// Bitmaps of `words` longs each: the wanted sets update() edits and the
// scratch copies select() overwrites.
struct FdSets {
	Word *want_read = nullptr;
	Word *want_write = nullptr;
	Word *ready_read = nullptr;
	Word *ready_write = nullptr;
	size_t words = 0;

	~FdSets()
	{
		mm::release(want_read);
		mm::release(want_write);
		mm::release(ready_read);
		mm::release(ready_write);
	}

	// On failure the sets keep working at their old size.
	bool cover(int fd)
	{
		if (size_t(fd / kBitsPerWord) < words)
			return true;
		size_t wanted = words ? words : kFirstWords;
		while (wanted <= size_t(fd / kBitsPerWord))
			wanted *= 2;
		// Wanted sets need zeroed tails; scratch sets are overwritten before use.
		if (!grow(want_read, wanted, true) || !grow(want_write, wanted, true) ||
		    !grow(ready_read, wanted, false) || !grow(ready_write, wanted, false))
			return false;
		words = wanted;
		return true;
	}

	bool grow(Word *&set, size_t wanted, bool zero_tail)
	{
		void *grown = mm::realloc(set, wanted * sizeof(Word));
		if (!grown)
			return false;
		set = static_cast<Word *>(grown);
		if (zero_tail)
			std::memset(set + words, 0, (wanted - words) * sizeof(Word));
		return true;
	}
};

class SelectBackend final : public Backend {
public:
	const char *name() const override { return "select"; }
	int features() const override { return 0x04; } // FDS

	int update(int fd, short, short new_events) override
	{
		if (fd < 0) {
			errno = EBADF;
			log::warnx("select: refusing negative fd %d", fd);
			return -1;
		}
		const bool read = new_events & kRead;
		const bool write = new_events & kWrite;
		if (!read && !write) {
			forget(fd);
			return 0;
		}
		if (!sets_.cover(fd)) {
			log::warn("select: cannot grow the fd sets to fd %d", fd);
			return -1;
		}
		const size_t word = size_t(fd / kBitsPerWord);
		if (read)
			sets_.want_read[word] |= bit_of(fd);
		else
			sets_.want_read[word] &= ~bit_of(fd);
		if (write)
			sets_.want_write[word] |= bit_of(fd);
		else
			sets_.want_write[word] &= ~bit_of(fd);
		if (fd >= nfds_)
			nfds_ = fd + 1;
		return 0;
	}

	int wait(const timespec *timeout, const ReadySink &sink) override
	{
		const size_t words = used_words();
		if (words) {
			std::memcpy(sets_.ready_read, sets_.want_read, words * sizeof(Word));
			std::memcpy(sets_.ready_write, sets_.want_write, words * sizeof(Word));
		}
		const int rc = pselect(nfds_, reinterpret_cast<fd_set *>(sets_.ready_read),
		                       reinterpret_cast<fd_set *>(sets_.ready_write), nullptr, timeout,
		                       nullptr);
		if (rc < 0) {
			if (errno == EINTR)
				return 0;
			log::warn("select");
			return -1;
		}
		if (rc == 0)
			return 0;
		for (size_t word = 0; word < words; ++word) {
			const Word read = sets_.ready_read[word];
			const Word write = sets_.ready_write[word];
			for (Word pending = read | write; pending; pending &= pending - 1) {
				const int bit = __builtin_ctzl(pending);
				const Word mask = Word(1) << bit;
				const short what = short(((read & mask) ? kRead : 0) | ((write & mask) ? kWrite : 0));
				sink.ready(sink.ctx, int(word) * kBitsPerWord + bit, what);
			}
		}
		return 0;
	}

	// No kernel state; the loop registers everything again afterwards.
	int reinit() override
	{
		const size_t words = used_words();
		if (words) {
			std::memset(sets_.want_read, 0, words * sizeof(Word));
			std::memset(sets_.want_write, 0, words * sizeof(Word));
		}
		nfds_ = 0;
		return 0;
	}

	void destroy() override { mm::destroy(this); }

private:
	size_t used_words() const { return size_t((nfds_ + kBitsPerWord - 1) / kBitsPerWord); }

	bool wanted(int fd) const
	{
		const size_t word = size_t(fd / kBitsPerWord);
		return (sets_.want_read[word] | sets_.want_write[word]) & bit_of(fd);
	}

	void forget(int fd)
	{
		if (fd >= nfds_)
			return;
		const size_t word = size_t(fd / kBitsPerWord);
		sets_.want_read[word] &= ~bit_of(fd);
		sets_.want_write[word] &= ~bit_of(fd);
		while (nfds_ > 0 && !wanted(nfds_ - 1))
			--nfds_;
	}

	FdSets sets_;
	int nfds_ = 0; // one past the highest fd in a wanted set
};

} // namespace

Backend *create_select()
{
	auto *backend = mm::make<SelectBackend>();
	if (!backend)
		log::warn("select: cannot allocate the backend");
	return backend;
}

} // namespace evcxx::backend
