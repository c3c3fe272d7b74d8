// The one interface between the loop and an I/O multiplexer.
//
// Backends see only fds and interest masks, never struct event. The loop
// coalesces interest changes per fd and calls update() once per changed fd
// per iteration, then wait(); readiness is reported through a ReadySink and
// only queued by the loop (no user code runs inside wait()). A virtual call
// per flushed change or per wait() is noise next to the system call behind it.
#pragma once
#include <ctime>

namespace evcxx::backend {

// Interest/readiness bits carry the public EV_* values.
inline constexpr short kRead = 0x02;   // EV_READ
inline constexpr short kWrite = 0x04;  // EV_WRITE
inline constexpr short kEdge = 0x20;   // EV_ET (interest only)
inline constexpr short kClosed = 0x80; // EV_CLOSED

struct ReadySink {
	void *ctx;
	void (*ready)(void *ctx, int fd, short what); // what: kRead|kWrite|kClosed
};

class Backend {
public:
	// Upstream's method name: "epoll", "poll", "select".
	virtual const char *name() const = 0;
	// EV_FEATURE_* bits this backend provides.
	virtual int features() const = 0;
	// Move fd's interest from old_events to new_events (masks of kRead,
	// kWrite, kClosed, with kEdge for edge-triggered). old == new re-asserts a
	// registration whose fd may have been closed and reopened meanwhile.
	// new_events == 0 removes the fd. Returns 0, or -1 with errno set after
	// logging a warning (as upstream's backends do).
	virtual int update(int fd, short old_events, short new_events) = 0;
	// Wait for readiness until timeout (nullptr: no limit; {0,0}: just poll)
	// and report each ready fd once. Returns 0 (also when interrupted by a
	// signal), -1 on a real error (logged).
	virtual int wait(const timespec *timeout, const ReadySink &sink) = 0;
	// In a forked child: drop and recreate kernel state; the loop then
	// re-registers every fd with update(fd, 0, events). Returns 0 or -1.
	virtual int reinit() = 0;
	// Release the backend and its memory.
	virtual void destroy() = 0;

protected:
	~Backend() = default;
};

// Factories return nullptr (after logging) when the kernel refuses.
Backend *create_epoll();
Backend *create_poll();
Backend *create_select();

} // namespace evcxx::backend
