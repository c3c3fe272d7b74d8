// Bufferevents: the state every kind (socket, pair, filter) shares, and the
// operations of event2/bufferevent.h that do not depend on the kind.
//
// A bufferevent object IS a public `struct bufferevent` (bufferevent_struct.h,
// which programs read directly) followed by engine state: Stream starts with
// it, and each kind's object starts with a Stream. The buffers are used
// through the evbuffer engine (core/buffer), under the lock they share with
// the bufferevent.
#pragma once
#include <cstdint>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_struct.h>
#include <event2/event.h>
#include <event2/event_struct.h>

namespace evcxx::stream {

struct Stream;
struct RateLimit;

// Why reading or writing is held off, independently of bufferevent_enable
// (a bit per reason; the I/O resumes when all are gone).
enum Suspend : uint8_t {
	kSuspendWatermark = 0x01,  // input reached the read high watermark
	kSuspendBandwidth = 0x02,  // own token bucket is empty
	kSuspendGroup = 0x04,      // rate-limit group bucket is empty
	kSuspendLookup = 0x08,     // name lookup before connect
	kSuspendFilterRead = 0x10, // a filter on top does not read
};

// Upstream's default cap on one read or one write (max_single_read/write).
inline constexpr ev_ssize_t kDefaultMaxSingleIo = 16384;

// The lock a pair shares: freed by whichever side is finalized last.
struct SharedLock {
	void *lock;
	int users;
};

} // namespace evcxx::stream

// What a kind implements. The public struct names this type (be_ops); each
// kind has one constant instance. Null entries mean "not supported".
struct bufferevent_ops {
	const char *type;
	int (*enable)(evcxx::stream::Stream *s, short what);
	int (*disable)(evcxx::stream::Stream *s, short what);
	// The last reference is gone: detach from other objects at once.
	void (*unlink)(evcxx::stream::Stream *s);
	// From the finalizer, just before the memory is released.
	void (*destruct)(evcxx::stream::Stream *s);
	int (*adj_timeouts)(evcxx::stream::Stream *s);
	int (*flush)(evcxx::stream::Stream *s, short iotype, bufferevent_flush_mode mode);
	int (*get_fd)(evcxx::stream::Stream *s, evutil_socket_t *fd);
	int (*set_fd)(evcxx::stream::Stream *s, evutil_socket_t fd);
	bufferevent *(*underlying)(evcxx::stream::Stream *s);
	void (*cancel_all)(evcxx::stream::Stream *s);
};

namespace evcxx::stream {

struct Stream {
	bufferevent pub; // first: a Stream* is the application's bufferevent*

	void *lock;             // recursive lock shared with both evbuffers, or nullptr
	bool own_lock;          // freed with this object
	SharedLock *pair_lock;  // set when the lock is a pair's
	int refcnt;
	int options;            // BEV_OPT_*
	uint8_t read_suspended, write_suspended; // Suspend bits

	bool connecting;          // socket: a connect is in progress
	bool connection_refused;  // socket: the connect already failed
	int dns_error;            // socket: getaddrinfo error of the last lookup

	// Deferred callbacks (BEV_OPT_DEFER_CALLBACKS): what is owed, run from
	// the loop through `deferred`.
	bool readcb_pending, writecb_pending;
	short eventcb_pending;
	int errno_pending;
	event_callback deferred;

	evbuffer_cb_entry *read_wm_cb; // input callback enforcing wm_read.high
	RateLimit *rate;               // nullptr until rate limiting is used
	ev_ssize_t max_single_read, max_single_write;
};

inline Stream *from(bufferevent *b) { return reinterpret_cast<Stream *>(b); }
inline const Stream *from(const bufferevent *b) { return reinterpret_cast<const Stream *>(b); }
inline bufferevent *pub(Stream *s) { return &s->pub; }

// The base a bufferevent's events and callbacks run on (the 1.x current
// base for bufferevent_new objects that have none).
event_base *base_of(const Stream *s);

// Set up the common part of a zeroed object of kind `ops`; -1 on failure
// (the caller frees the memory; nothing else is left allocated).
int init_common(Stream *s, event_base *base, const bufferevent_ops *ops, int options);
// Share `lock` (or a new recursive lock when nullptr) with the buffers and
// the underlying bufferevent. -1 when no lock can be had.
int enable_locking(Stream *s, void *lock);

void lock(Stream *s);
void unlock(Stream *s);
void incref_and_lock(Stream *s);
// Drop a reference; the last one unlinks the object and queues its
// finalization on the loop. True if that happened.
bool decref_and_unlock(Stream *s);
void incref(Stream *s);
bool decref(Stream *s);

// Callbacks: run now, or queue them when deferred by option or `options`.
void run_readcb(Stream *s, int options);
void run_writecb(Stream *s, int options);
void run_eventcb(Stream *s, short what, int options);
// Read/write callbacks if the watermarks allow (or BEV_TRIG_IGNORE_WATERMARKS).
void trigger_nolock(Stream *s, short iotype, int options);

// Hold off / resume one direction (`what` is EV_READ or EV_WRITE) for a
// reason; the I/O runs only while enabled and no reason is left.
void suspend(Stream *s, short what, Suspend why);
void unsuspend(Stream *s, short what, Suspend why);
inline void suspend_read(Stream *s, Suspend why) { suspend(s, EV_READ, why); }
inline void unsuspend_read(Stream *s, Suspend why) { unsuspend(s, EV_READ, why); }
inline void suspend_write(Stream *s, Suspend why) { suspend(s, EV_WRITE, why); }
inline void unsuspend_write(Stream *s, Suspend why) { unsuspend(s, EV_WRITE, why); }

// The generic API (event2/bufferevent.h).
void free_stream(Stream *s);
void setcb(Stream *s, bufferevent_data_cb readcb, bufferevent_data_cb writecb,
           bufferevent_event_cb eventcb, void *arg);
void getcb(Stream *s, bufferevent_data_cb *readcb, bufferevent_data_cb *writecb,
           bufferevent_event_cb *eventcb, void **arg);
int enable(Stream *s, short what);
int disable(Stream *s, short what);
short get_enabled(Stream *s);
int set_timeouts(Stream *s, const timeval *read_tv, const timeval *write_tv);
void set_watermark(Stream *s, short what, size_t low, size_t high);
int get_watermark(Stream *s, short what, size_t *low, size_t *high);
int flush(Stream *s, short iotype, bufferevent_flush_mode mode);
void trigger(Stream *s, short iotype, int options);
void trigger_event(Stream *s, short what, int options);
int set_fd(Stream *s, evutil_socket_t fd);
evutil_socket_t get_fd(Stream *s);
bufferevent *get_underlying(Stream *s);
int get_priority(const Stream *s);

// Timeout events of kinds without a descriptor (pair, filter): ev_read and
// ev_write are pure timers reporting READING|TIMEOUT / WRITING|TIMEOUT.
void init_timeout_events(Stream *s);
int adj_timeouts_generic(Stream *s);
// Re-arm the read/write timeout if one is set; drop it.
void reset_read_timeout(Stream *s);
void reset_write_timeout(Stream *s);
void del_read_timeout(Stream *s);
void del_write_timeout(Stream *s);
// event_add with no timeout when `tv` is zero.
int add_event(event *ev, const timeval *tv);

} // namespace evcxx::stream
