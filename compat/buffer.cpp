// extern "C" facade of event2/buffer.h: argument checks, then the engine
// (core/buffer).
#include <event2/buffer.h>

#include "core/buffer/buffer.hpp"
#include "core/buffer/file_segment.hpp"
#include "compat/null_args.hpp"
#include "core/util/log.hpp"

using namespace evcxx;

using facade::missing;

extern "C" {

struct evbuffer *evbuffer_new(void) { return buffer::create(); }

void evbuffer_free(struct evbuffer *buf)
{
	if (buf)
		buffer::release(buf);
}

int evbuffer_enable_locking(struct evbuffer *buf, void *lock)
{
	return missing(buf, __func__) ? -1 : buffer::enable_locking(buf, lock);
}

void evbuffer_lock(struct evbuffer *buf)
{
	if (!missing(buf, __func__))
		thread::lock(buf->lock);
}

void evbuffer_unlock(struct evbuffer *buf)
{
	if (!missing(buf, __func__))
		thread::unlock(buf->lock);
}

int evbuffer_set_flags(struct evbuffer *buf, ev_uint64_t flags)
{
	return missing(buf, __func__) ? -1 : buffer::set_flags(buf, flags);
}

int evbuffer_clear_flags(struct evbuffer *buf, ev_uint64_t flags)
{
	return missing(buf, __func__) ? -1 : buffer::clear_flags(buf, flags);
}

size_t evbuffer_get_length(const struct evbuffer *buf)
{
	return missing(buf, __func__) ? 0 : buffer::length(const_cast<evbuffer *>(buf));
}

size_t evbuffer_get_contiguous_space(const struct evbuffer *buf)
{
	return missing(buf, __func__) ? 0 : buffer::contiguous_space(const_cast<evbuffer *>(buf));
}

int evbuffer_expand(struct evbuffer *buf, size_t datlen)
{
	return missing(buf, __func__) ? -1 : buffer::expand(buf, datlen);
}

int evbuffer_reserve_space(struct evbuffer *buf, ev_ssize_t size, struct evbuffer_iovec *vec, int n_vec)
{
	if (missing(buf, __func__) || (n_vec > 0 && missing(vec, __func__)))
		return -1;
	return buffer::reserve_space(buf, size, vec, n_vec);
}

int evbuffer_commit_space(struct evbuffer *buf, struct evbuffer_iovec *vec, int n_vecs)
{
	if (missing(buf, __func__) || (n_vecs > 0 && missing(vec, __func__)))
		return -1;
	return buffer::commit_space(buf, vec, n_vecs);
}

int evbuffer_add(struct evbuffer *buf, const void *data, size_t datlen)
{
	if (missing(buf, __func__) || (datlen && missing(data, __func__)))
		return -1;
	return buffer::add(buf, data, datlen);
}

int evbuffer_remove(struct evbuffer *buf, void *data, size_t datlen)
{
	if (missing(buf, __func__) || (datlen && missing(data, __func__)))
		return -1;
	return buffer::remove(buf, data, datlen);
}

ev_ssize_t evbuffer_copyout(struct evbuffer *buf, void *data_out, size_t datlen)
{
	if (missing(buf, __func__) || (datlen && missing(data_out, __func__)))
		return -1;
	return buffer::copyout_from(buf, nullptr, data_out, datlen);
}

ev_ssize_t evbuffer_copyout_from(struct evbuffer *buf, const struct evbuffer_ptr *pos, void *data_out, size_t datlen)
{
	if (missing(buf, __func__) || (datlen && missing(data_out, __func__)))
		return -1;
	return buffer::copyout_from(buf, pos, data_out, datlen);
}

int evbuffer_remove_buffer(struct evbuffer *src, struct evbuffer *dst, size_t datlen)
{
	if (missing(src, __func__) || missing(dst, __func__))
		return -1;
	return buffer::remove_buffer(src, dst, datlen);
}

char *evbuffer_readln(struct evbuffer *buffer, size_t *n_read_out, enum evbuffer_eol_style eol_style)
{
	if (missing(buffer, __func__))
		return nullptr;
	return buffer::readln(buffer, n_read_out, eol_style);
}

int evbuffer_add_buffer(struct evbuffer *outbuf, struct evbuffer *inbuf)
{
	if (missing(outbuf, __func__) || missing(inbuf, __func__))
		return -1;
	return buffer::add_buffer(outbuf, inbuf);
}

int evbuffer_add_buffer_reference(struct evbuffer *outbuf, struct evbuffer *inbuf)
{
	if (missing(outbuf, __func__) || missing(inbuf, __func__))
		return -1;
	return buffer::add_buffer_reference(outbuf, inbuf);
}

int evbuffer_add_reference(struct evbuffer *outbuf, const void *data, size_t datlen,
                           evbuffer_ref_cleanup_cb cleanupfn, void *cleanupfn_arg)
{
	if (missing(outbuf, __func__) || (datlen && missing(data, __func__)))
		return -1;
	return buffer::add_reference(outbuf, data, datlen, cleanupfn, cleanupfn_arg);
}

int evbuffer_add_file(struct evbuffer *outbuf, int fd, ev_off_t offset, ev_off_t length)
{
	return missing(outbuf, __func__) ? -1 : buffer::add_file(outbuf, fd, offset, length);
}

struct evbuffer_file_segment *evbuffer_file_segment_new(int fd, ev_off_t offset, ev_off_t length, unsigned flags)
{
	return buffer::segment_new(fd, offset, length, flags);
}

void evbuffer_file_segment_free(struct evbuffer_file_segment *seg)
{
	if (seg)
		buffer::segment_release(seg);
}

void evbuffer_file_segment_add_cleanup_cb(struct evbuffer_file_segment *seg, evbuffer_file_segment_cleanup_cb cb,
                                          void *arg)
{
	if (!missing(seg, __func__))
		buffer::segment_set_cleanup(seg, cb, arg);
}

int evbuffer_add_file_segment(struct evbuffer *buf, struct evbuffer_file_segment *seg, ev_off_t offset,
                              ev_off_t length)
{
	if (missing(buf, __func__) || missing(seg, __func__))
		return -1;
	return buffer::add_file_segment(buf, seg, offset, length);
}

int evbuffer_add_printf(struct evbuffer *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const int r = evbuffer_add_vprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

int evbuffer_add_vprintf(struct evbuffer *buf, const char *fmt, va_list ap)
{
	if (missing(buf, __func__) || missing(fmt, __func__))
		return -1;
	return buffer::add_vprintf(buf, fmt, ap);
}

int evbuffer_drain(struct evbuffer *buf, size_t len)
{
	return missing(buf, __func__) ? -1 : buffer::drain(buf, len);
}

int evbuffer_write(struct evbuffer *buffer, evutil_socket_t fd) { return evbuffer_write_atmost(buffer, fd, -1); }

int evbuffer_write_atmost(struct evbuffer *buffer, evutil_socket_t fd, ev_ssize_t howmuch)
{
	return missing(buffer, __func__) ? -1 : buffer::write_atmost(buffer, fd, howmuch);
}

int evbuffer_read(struct evbuffer *buffer, evutil_socket_t fd, int howmuch)
{
	return missing(buffer, __func__) ? -1 : buffer::read(buffer, fd, howmuch);
}

namespace {
evbuffer_ptr not_found()
{
	evbuffer_ptr p;
	p.pos = -1;
	p.internal_.chain = nullptr;
	p.internal_.pos_in_chain = 0;
	return p;
}
} // namespace

struct evbuffer_ptr evbuffer_search(struct evbuffer *buffer, const char *what, size_t len,
                                    const struct evbuffer_ptr *start)
{
	if (missing(buffer, __func__) || (len && missing(what, __func__)))
		return not_found();
	return buffer::search_range(buffer, what, len, start, nullptr);
}

struct evbuffer_ptr evbuffer_search_range(struct evbuffer *buffer, const char *what, size_t len,
                                          const struct evbuffer_ptr *start, const struct evbuffer_ptr *end)
{
	if (missing(buffer, __func__) || (len && missing(what, __func__)))
		return not_found();
	return buffer::search_range(buffer, what, len, start, end);
}

int evbuffer_ptr_set(struct evbuffer *buffer, struct evbuffer_ptr *ptr, size_t position, enum evbuffer_ptr_how how)
{
	if (missing(buffer, __func__) || missing(ptr, __func__))
		return -1;
	return buffer::ptr_set(buffer, ptr, position, how);
}

struct evbuffer_ptr evbuffer_search_eol(struct evbuffer *buffer, struct evbuffer_ptr *start, size_t *eol_len_out,
                                        enum evbuffer_eol_style eol_style)
{
	if (missing(buffer, __func__)) {
		if (eol_len_out)
			*eol_len_out = 0;
		return not_found();
	}
	return buffer::search_eol(buffer, start, eol_len_out, eol_style);
}

int evbuffer_peek(struct evbuffer *buffer, ev_ssize_t len, struct evbuffer_ptr *start_at,
                  struct evbuffer_iovec *vec_out, int n_vec)
{
	if (missing(buffer, __func__) || (n_vec > 0 && missing(vec_out, __func__)))
		return -1;
	return buffer::peek(buffer, len, start_at, vec_out, n_vec);
}

struct evbuffer_cb_entry *evbuffer_add_cb(struct evbuffer *buffer, evbuffer_cb_func cb, void *cbarg)
{
	if (missing(buffer, __func__))
		return nullptr;
	return reinterpret_cast<evbuffer_cb_entry *>(buffer::add_cb(buffer, cb, cbarg));
}

int evbuffer_remove_cb_entry(struct evbuffer *buffer, struct evbuffer_cb_entry *ent)
{
	if (missing(buffer, __func__) || missing(ent, __func__))
		return -1;
	return buffer::remove_cb_entry(buffer, reinterpret_cast<buffer::CallbackEntry *>(ent));
}

int evbuffer_remove_cb(struct evbuffer *buffer, evbuffer_cb_func cb, void *cbarg)
{
	return missing(buffer, __func__) ? -1 : buffer::remove_cb(buffer, cb, cbarg);
}

int evbuffer_cb_set_flags(struct evbuffer *buffer, struct evbuffer_cb_entry *cb, ev_uint32_t flags)
{
	if (missing(buffer, __func__) || missing(cb, __func__))
		return -1;
	return buffer::cb_set_flags(buffer, reinterpret_cast<buffer::CallbackEntry *>(cb), flags);
}

int evbuffer_cb_clear_flags(struct evbuffer *buffer, struct evbuffer_cb_entry *cb, ev_uint32_t flags)
{
	if (missing(buffer, __func__) || missing(cb, __func__))
		return -1;
	return buffer::cb_clear_flags(buffer, reinterpret_cast<buffer::CallbackEntry *>(cb), flags);
}

unsigned char *evbuffer_pullup(struct evbuffer *buf, ev_ssize_t size)
{
	return missing(buf, __func__) ? nullptr : buffer::pullup(buf, size);
}

int evbuffer_prepend(struct evbuffer *buf, const void *data, size_t size)
{
	if (missing(buf, __func__) || (size && missing(data, __func__)))
		return -1;
	return buffer::prepend(buf, data, size);
}

int evbuffer_prepend_buffer(struct evbuffer *dst, struct evbuffer *src)
{
	if (missing(dst, __func__) || missing(src, __func__))
		return -1;
	return buffer::prepend_buffer(dst, src);
}

int evbuffer_freeze(struct evbuffer *buf, int at_front)
{
	return missing(buf, __func__) ? -1 : buffer::freeze(buf, at_front != 0);
}

int evbuffer_unfreeze(struct evbuffer *buf, int at_front)
{
	return missing(buf, __func__) ? -1 : buffer::unfreeze(buf, at_front != 0);
}

int evbuffer_defer_callbacks(struct evbuffer *buffer, struct event_base *base)
{
	return missing(buffer, __func__) ? -1 : buffer::defer_callbacks(buffer, base);
}

size_t evbuffer_add_iovec(struct evbuffer *buffer, struct evbuffer_iovec *vec, int n_vec)
{
	if (missing(buffer, __func__) || (n_vec > 0 && missing(vec, __func__)))
		return 0;
	return buffer::add_iovec(buffer, vec, n_vec);
}

} // extern "C"
