// Debug mode: an open-addressing set of the struct events that are set up,
// each with an "added" bit, consulted by the debug:: assertions.
#include "core/loop/debug.hpp"

#include <cstdint>
#include <fcntl.h>

#include "core/thread/lock.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::debug {

bool mode_on = false;
bool mode_locked_in = false;

namespace {
struct Entry {
	const event *ev; // nullptr: empty; kTombstone: removed
	bool added;
};
const event *const kTombstone = reinterpret_cast<const event *>(uintptr_t(1));

Entry *table = nullptr;
size_t capacity = 0; // power of two
size_t used = 0;     // live entries plus tombstones
std::atomic<void *> table_lock{nullptr};

struct Guard {
	Guard() { thread::lock(thread::shared_lock(table_lock)); }
	~Guard() { thread::unlock(table_lock.load(std::memory_order_acquire)); }
};

size_t hash(const event *ev)
{
	auto x = reinterpret_cast<uintptr_t>(ev);
	x ^= x >> 17;
	x *= 0x9e3779b97f4a7c15ull;
	return static_cast<size_t>(x >> 7);
}

Entry *find(const event *ev)
{
	if (!capacity)
		return nullptr;
	for (size_t i = hash(ev) & (capacity - 1);; i = (i + 1) & (capacity - 1)) {
		if (table[i].ev == ev)
			return &table[i];
		if (!table[i].ev)
			return nullptr;
	}
}

bool grow()
{
	const size_t cap = capacity ? capacity * 2 : 64;
	auto *fresh = static_cast<Entry *>(mm::zalloc(cap, sizeof(Entry)));
	if (!fresh)
		return false;
	size_t live = 0;
	for (size_t i = 0; i < capacity; ++i) {
		const event *ev = table[i].ev;
		if (!ev || ev == kTombstone)
			continue;
		size_t j = hash(ev) & (cap - 1);
		while (fresh[j].ev)
			j = (j + 1) & (cap - 1);
		fresh[j] = table[i];
		++live;
	}
	mm::release(table);
	table = fresh;
	capacity = cap;
	used = live;
	return true;
}

Entry *insert(const event *ev)
{
	if ((used + 1) * 2 > capacity && !grow())
		return nullptr;
	size_t i = hash(ev) & (capacity - 1);
	while (table[i].ev && table[i].ev != kTombstone)
		i = (i + 1) & (capacity - 1);
	if (!table[i].ev)
		++used;
	table[i] = Entry{ev, false};
	return &table[i];
}

[[noreturn]] void misuse(const char *what, const event *ev)
{
	log::errx(log::kAbortCode, "%s: %s event %p (events: 0x%x, fd: %d, flags: 0x%x)", "event debug mode", what,
	          static_cast<const void *>(ev), ev->ev_events, static_cast<int>(ev->ev_fd),
	          ev->ev_evcallback.evcb_flags);
}
} // namespace

void enable()
{
	if (mode_on)
		log::errx(1, "event_enable_debug_mode was called twice!");
	if (mode_locked_in)
		log::errx(1, "event_enable_debug_mode must be called *before* creating any events or event_bases");
	mode_on = true;
}

void note_setup_slow(const event *ev)
{
	Guard g;
	Entry *e = find(ev);
	if (!e)
		e = insert(ev);
	if (e)
		e->added = false;
}

void note_teardown_slow(const event *ev)
{
	Guard g;
	if (Entry *e = find(ev))
		e->ev = kTombstone;
}

void forget(const event *ev) { note_teardown(ev); }

void note_add_slow(const event *ev)
{
	Guard g;
	Entry *e = find(ev);
	if (!e)
		misuse("add on a non-setup", ev);
	e->added = true;
}

void note_del_slow(const event *ev)
{
	Guard g;
	Entry *e = find(ev);
	if (!e)
		misuse("del on a non-setup", ev);
	e->added = false;
}

void assert_is_setup_slow(const event *ev)
{
	Guard g;
	if (!find(ev))
		misuse("use of a non-setup", ev);
}

void assert_not_added_slow(const event *ev)
{
	Guard g;
	const Entry *e = find(ev);
	if (e && e->added)
		misuse("assign on an already added", ev);
}

void assert_socket_nonblocking_slow(int fd)
{
	if (fd < 0)
		return;
	const int flags = ::fcntl(fd, F_GETFL, nullptr);
	if (flags >= 0 && !(flags & O_NONBLOCK))
		log::errx(log::kAbortCode, "event debug mode: fd %d is not non-blocking", fd);
}

void free_all()
{
	thread::release_shared_lock(table_lock);
	mm::release(table);
	table = nullptr;
	capacity = used = 0;
}

} // namespace evcxx::debug
