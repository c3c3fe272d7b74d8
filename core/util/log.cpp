#include "core/util/log.hpp"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace evcxx::log {
namespace {
Callback user_callback = nullptr;
FatalCallback user_fatal = nullptr;
uint32_t debug_mask = 0;

void emit(int severity, const char *msg)
{
	if (user_callback) {
		user_callback(severity, msg);
		return;
	}
	const char *tag;
	switch (severity) {
	case Debug: tag = "debug"; break;
	case Msg: tag = "msg"; break;
	case Warn: tag = "warn"; break;
	case Err: tag = "err"; break;
	default: tag = "???"; break;
	}
	std::fprintf(stderr, "[%s] %s\n", tag, msg);
}

void emitv(int severity, const char *errstr, const char *fmt, va_list ap)
{
	char buf[1024];
	std::vsnprintf(buf, sizeof buf, fmt, ap);
	if (errstr) {
		const size_t len = std::strlen(buf);
		if (len < sizeof buf - 3)
			std::snprintf(buf + len, sizeof buf - len, ": %s", errstr);
	}
	emit(severity, buf);
}

[[noreturn]] void exit_with(int code)
{
	if (user_fatal) {
		user_fatal(code);
		std::exit(code);
	}
	if (code == kAbortCode)
		std::abort();
	std::exit(code);
}
} // namespace

void set_callback(Callback cb) { user_callback = cb; }
void set_fatal_callback(FatalCallback cb) { user_fatal = cb; }
void set_debug_mask(uint32_t mask) { debug_mask = mask; }
bool debug_enabled() { return debug_mask != 0; }

void warn(const char *fmt, ...)
{
	const int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	emitv(Warn, std::strerror(saved), fmt, ap);
	va_end(ap);
	errno = saved;
}

void warnx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emitv(Warn, nullptr, fmt, ap);
	va_end(ap);
}

void msgx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emitv(Msg, nullptr, fmt, ap);
	va_end(ap);
}

void debugx(const char *fmt, ...)
{
	if (!debug_mask)
		return;
	va_list ap;
	va_start(ap, fmt);
	emitv(Debug, nullptr, fmt, ap);
	va_end(ap);
}

void err(int code, const char *fmt, ...)
{
	const int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	emitv(Err, std::strerror(saved), fmt, ap);
	va_end(ap);
	exit_with(code);
}

void errx(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emitv(Err, nullptr, fmt, ap);
	va_end(ap);
	exit_with(code);
}

} // namespace evcxx::log
