// extern "C" facade of event2/buffer_compat.h: the 1.x evbuffer calls.
#include <event2/buffer.h>
#include <event2/buffer_compat.h>

#include "core/buffer/buffer.hpp"
#include "core/util/log.hpp"

using namespace evcxx;

extern "C" {

char *evbuffer_readline(struct evbuffer *buffer) { return evbuffer_readln(buffer, nullptr, EVBUFFER_EOL_ANY); }

int evbuffer_setcb(struct evbuffer *buffer, evbuffer_cb cb, void *cbarg)
{
	if (!buffer) {
		log::warnx("evbuffer_setcb: NULL buffer");
		return -1;
	}
	return buffer::setcb(buffer, cb, cbarg);
}

unsigned char *evbuffer_find(struct evbuffer *buffer, const unsigned char *what, size_t len)
{
	if (!buffer || (len && !what)) {
		log::warnx("evbuffer_find: NULL argument");
		return nullptr;
	}
	return buffer::find(buffer, what, len);
}

} // extern "C"
