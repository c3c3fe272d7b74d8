#include "core/stream/filter.hpp"

#include "core/buffer/buffer.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

namespace evcxx::stream {

namespace {

struct FilterStream {
	Stream s;
	Stream *under;
	evbuffer_cb_entry *input_cb;  // resumes filtering once the input drains
	evbuffer_cb_entry *output_cb; // filters what the application writes
	void (*free_context)(void *);
	bufferevent_filter_cb process_in, process_out;
	void *context;
};

FilterStream *as_filter(Stream *s) { return reinterpret_cast<FilterStream *>(s); }
FilterStream *as_filter(void *arg) { return static_cast<FilterStream *>(arg); }

// Copies everything: what filter_new uses for a missing filter.
bufferevent_filter_result pass_through(evbuffer *src, evbuffer *dst, ev_ssize_t limit, bufferevent_flush_mode,
                                       void *)
{
	if (limit >= 0)
		buffer::remove_buffer(src, dst, static_cast<size_t>(limit));
	else
		buffer::add_buffer(dst, src);
	return BEV_OK;
}

// In normal mode the filter's input is full at its read high watermark.
bool input_full(FilterStream *f, bufferevent_flush_mode state)
{
	const bufferevent *b = pub(&f->s);
	return state == BEV_NORMAL && b->wm_read.high && buffer::length(b->input) >= b->wm_read.high;
}

bool under_output_full(FilterStream *f, bufferevent_flush_mode state)
{
	const bufferevent *u = pub(f->under);
	return state == BEV_NORMAL && u->wm_write.high && buffer::length(u->output) >= u->wm_write.high;
}

bufferevent_filter_result process_input(FilterStream *f, bufferevent_flush_mode state, bool *processed)
{
	bufferevent *b = pub(&f->s);
	// Normal mode urges data on the filter only while reading and not full.
	if (state == BEV_NORMAL && (!(b->enabled & EV_READ) || input_full(f, state)))
		return BEV_OK;
	bufferevent_filter_result res;
	do {
		ev_ssize_t limit = -1;
		if (state == BEV_NORMAL && b->wm_read.high)
			limit = static_cast<ev_ssize_t>(b->wm_read.high - buffer::length(b->input));
		res = f->process_in(pub(f->under)->input, b->input, limit, state, f->context);
		if (res == BEV_OK)
			*processed = true;
	} while (res == BEV_OK && (b->enabled & EV_READ) && buffer::length(pub(f->under)->input) &&
	         !input_full(f, state));
	return res;
}

bool more_to_write(FilterStream *f, bufferevent_flush_mode state)
{
	const bufferevent *b = pub(&f->s);
	return (b->enabled & EV_WRITE) && buffer::length(b->output) && !under_output_full(f, state);
}

bufferevent_filter_result process_output(FilterStream *f, bufferevent_flush_mode state, bool *processed_out)
{
	bufferevent *b = pub(&f->s);
	if (state == BEV_NORMAL && !more_to_write(f, state))
		return BEV_OK;
	// What the filter itself writes must not re-enter here.
	evbuffer_cb_clear_flags(b->output, f->output_cb, EVBUFFER_CB_ENABLED);
	bufferevent_filter_result res = BEV_OK;
	bool again;
	do {
		bool processed = false;
		again = false;
		do {
			ev_ssize_t limit = -1;
			const bufferevent *u = pub(f->under);
			if (state == BEV_NORMAL && u->wm_write.high)
				limit = static_cast<ev_ssize_t>(u->wm_write.high - buffer::length(u->output));
			res = f->process_out(b->output, u->output, limit, state, f->context);
			if (res == BEV_OK)
				processed = *processed_out = true;
		} while (res == BEV_OK && more_to_write(f, state));
		if (processed) {
			trigger_nolock(&f->s, EV_WRITE, 0);
			// The write callback may have added more.
			again = res == BEV_OK && more_to_write(f, state);
		}
	} while (again);
	evbuffer_cb_set_flags(b->output, f->output_cb, EVBUFFER_CB_ENABLED);
	return res;
}

void output_added(evbuffer *, const evbuffer_cb_info *info, void *arg)
{
	FilterStream *f = as_filter(arg);
	if (!info->n_added)
		return;
	bool processed = false;
	incref_and_lock(&f->s);
	process_output(f, BEV_NORMAL, &processed);
	decref_and_unlock(&f->s);
}

void read_nolock(FilterStream *f)
{
	// Another thread may have dropped the last reference already.
	if (f->s.refcnt <= 0)
		return;
	bool processed = false;
	process_input(f, BEV_NORMAL, &processed);
	if (processed) {
		trigger_nolock(&f->s, EV_READ, 0);
		// Data left below while our input is full: resume once it drains.
		if (buffer::length(pub(f->under)->input) > 0 && input_full(f, BEV_NORMAL))
			evbuffer_cb_set_flags(pub(&f->s)->input, f->input_cb, EVBUFFER_CB_ENABLED);
	}
}

void input_drained(evbuffer *, const evbuffer_cb_info *, void *arg)
{
	FilterStream *f = as_filter(arg);
	lock(&f->s);
	if (!input_full(f, BEV_NORMAL)) {
		evbuffer_cb_clear_flags(pub(&f->s)->input, f->input_cb, EVBUFFER_CB_ENABLED);
		if (buffer::length(pub(f->under)->input) > 0)
			read_nolock(f);
	}
	unlock(&f->s);
}

// The underlying bufferevent's callbacks while the filter is on top.
void under_read(bufferevent *, void *arg)
{
	FilterStream *f = as_filter(arg);
	lock(&f->s);
	read_nolock(f);
	unlock(&f->s);
}

void under_write(bufferevent *, void *arg)
{
	FilterStream *f = as_filter(arg);
	lock(&f->s);
	if (f->s.refcnt > 0) {
		bool processed = false;
		process_output(f, BEV_NORMAL, &processed);
	}
	unlock(&f->s);
}

void under_event(bufferevent *, short what, void *arg)
{
	FilterStream *f = as_filter(arg);
	lock(&f->s);
	if (f->s.refcnt > 0)
		run_eventcb(&f->s, what, 0);
	unlock(&f->s);
}

int filter_enable(Stream *s, short what)
{
	if (what & EV_WRITE)
		reset_write_timeout(s);
	if (what & EV_READ) {
		reset_read_timeout(s);
		unsuspend_read(as_filter(s)->under, kSuspendFilterRead);
	}
	return 0;
}

int filter_disable(Stream *s, short what)
{
	if (what & EV_WRITE)
		del_write_timeout(s);
	if (what & EV_READ) {
		del_read_timeout(s);
		suspend_read(as_filter(s)->under, kSuspendFilterRead);
	}
	return 0;
}

// With CLOSE_ON_FREE the underlying bufferevent goes too; otherwise it
// gets its reading back and loses our callbacks.
void filter_unlink(Stream *s)
{
	FilterStream *f = as_filter(s);
	if (s->options & BEV_OPT_CLOSE_ON_FREE) {
		// The reference taken in filter_new is dropped by the finalizer;
		// this releases the application's.
		if (f->under->refcnt < 2)
			log::warnx("BEV_OPT_CLOSE_ON_FREE set on an bufferevent with too few references");
		else
			free_stream(f->under);
	} else {
		if (pub(f->under)->errorcb == under_event)
			setcb(f->under, nullptr, nullptr, nullptr, nullptr);
		unsuspend_read(f->under, kSuspendFilterRead);
	}
}

void filter_destruct(Stream *s)
{
	FilterStream *f = as_filter(s);
	if (f->free_context)
		f->free_context(f->context);
	if (f->input_cb)
		evbuffer_remove_cb_entry(s->pub.input, f->input_cb);
	if (f->output_cb)
		evbuffer_remove_cb_entry(s->pub.output, f->output_cb);
}

int filter_flush(Stream *s, short iotype, bufferevent_flush_mode mode)
{
	FilterStream *f = as_filter(s);
	bool processed = false;
	incref_and_lock(s);
	if (iotype & EV_READ)
		process_input(f, mode, &processed);
	if (iotype & EV_WRITE)
		process_output(f, mode, &processed);
	flush(f->under, iotype, mode);
	decref_and_unlock(s);
	return processed ? 1 : 0;
}

int filter_get_fd(Stream *s, evutil_socket_t *fd)
{
	Stream *u = as_filter(s)->under;
	return u->pub.be_ops->get_fd ? u->pub.be_ops->get_fd(u, fd) : -1;
}

int filter_set_fd(Stream *s, evutil_socket_t fd)
{
	Stream *u = as_filter(s)->under;
	return u->pub.be_ops->set_fd ? u->pub.be_ops->set_fd(u, fd) : -1;
}

bufferevent *filter_underlying(Stream *s) { return pub(as_filter(s)->under); }

const bufferevent_ops kFilterOps = {
	"filter",
	filter_enable,
	filter_disable,
	filter_unlink,
	filter_destruct,
	adj_timeouts_generic,
	filter_flush,
	filter_get_fd,
	filter_set_fd,
	filter_underlying,
	nullptr, // cancel_all
};

} // namespace

Stream *filter_new(Stream *under, bufferevent_filter_cb input_filter, bufferevent_filter_cb output_filter,
                   int options, void (*free_context)(void *), void *ctx)
{
	if (!under)
		return nullptr;
	auto *f = static_cast<FilterStream *>(mm::zalloc(1, sizeof(FilterStream)));
	if (!f)
		return nullptr;
	if (init_common(&f->s, pub(under)->ev_base, &kFilterOps, options & ~BEV_OPT_THREADSAFE) < 0) {
		mm::release(f);
		return nullptr;
	}
	f->under = under;
	f->process_in = input_filter ? input_filter : pass_through;
	f->process_out = output_filter ? output_filter : pass_through;
	f->free_context = free_context;
	f->context = ctx;
	// With THREADSAFE the filter shares the underlying lock, if any.
	if (options & BEV_OPT_THREADSAFE) {
		enable_locking(&f->s, nullptr);
		f->s.options |= BEV_OPT_THREADSAFE;
	}
	Stream *s = &f->s;
	setcb(under, under_read, under_write, under_event, f);
	f->input_cb = evbuffer_add_cb(s->pub.input, input_drained, f);
	evbuffer_cb_clear_flags(s->pub.input, f->input_cb, EVBUFFER_CB_ENABLED);
	f->output_cb = evbuffer_add_cb(s->pub.output, output_added, f);
	init_timeout_events(s);
	incref(under);
	enable(under, EV_READ | EV_WRITE);
	// Reading starts when the filter's own reading is enabled.
	suspend_read(under, kSuspendFilterRead);
	return s;
}

} // namespace evcxx::stream
