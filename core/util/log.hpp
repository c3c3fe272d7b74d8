// Diagnostics routed through event_set_log_callback/event_set_fatal_callback.
// Severity numbers are upstream's EVENT_LOG_* values.
#pragma once
#include <cstdint>

namespace evcxx::log {

enum Severity : int { Debug = 0, Msg = 1, Warn = 2, Err = 3 };

using Callback = void (*)(int severity, const char *msg);
using FatalCallback = void (*)(int err);

void set_callback(Callback cb);
void set_fatal_callback(FatalCallback cb);
void set_debug_mask(uint32_t mask);
bool debug_enabled();

// warn() appends ": <strerror(errno)>", like upstream's event_warn.
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msgx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void debugx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// Error code upstream's fatal paths use for assertion failures: abort()
// unless a fatal callback is installed.
inline constexpr int kAbortCode = static_cast<int>(0xdeaddead);

// Log at Err severity, then run the fatal callback and exit.
[[noreturn]] void err(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
[[noreturn]] void errx(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

} // namespace evcxx::log

// Internal invariant check: a failure is a library bug, reported as upstream
// reports its own assertion failures (Err log, then fatal callback/abort).
#define EVCXX_ASSERT(cond)                                                                 \
	do {                                                                                   \
		if (__builtin_expect(!(cond), 0))                                                  \
			::evcxx::log::errx(::evcxx::log::kAbortCode, "%s:%d: Assertion %s failed in %s", \
			                   __FILE__, __LINE__, #cond, __func__);                         \
	} while (0)
