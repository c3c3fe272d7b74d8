#include "core/stream/pair.hpp"

#include "core/buffer/buffer.hpp"
#include "core/thread/lock.hpp"
#include "core/util/mm.hpp"

namespace evcxx::stream {

namespace {

struct PairStream {
	Stream s;
	PairStream *partner; // cleared on both sides when either is released
};

extern const bufferevent_ops kPairOps;

PairStream *as_pair(Stream *s) { return reinterpret_cast<PairStream *>(s); }

// Lock (and hold) this end and, while linked, its partner.
void hold(Stream *s)
{
	incref_and_lock(s);
	if (PairStream *p = as_pair(s)->partner)
		incref_and_lock(&p->s);
}

void release(Stream *s)
{
	if (PairStream *p = as_pair(s)->partner)
		decref_and_unlock(&p->s);
	decref_and_unlock(s);
}

// Move src's output into dst's input, no further than dst's read high
// watermark unless `ignore_wm` (flush); then run dst's read and src's write
// callbacks as their watermarks allow.
void transfer(Stream *src, Stream *dst, bool ignore_wm)
{
	bufferevent *from = pub(src), *to = pub(dst);
	buffer::unfreeze(from->output, true);
	buffer::unfreeze(to->input, false);
	size_t moved;
	const size_t have = buffer::length(to->input);
	if (to->wm_read.high && have < to->wm_read.high) {
		moved = to->wm_read.high - have;
		buffer::remove_buffer(from->output, to->input, moved);
	} else if (to->wm_read.high && !ignore_wm) {
		goto done;
	} else {
		moved = buffer::length(from->output);
		buffer::add_buffer(to->input, from->output);
	}
	if (moved) {
		reset_read_timeout(dst);
		if (buffer::length(to->output))
			reset_write_timeout(dst);
		else
			del_write_timeout(dst);
	}
	trigger_nolock(dst, EV_READ, 0);
	trigger_nolock(src, EV_WRITE, 0);
done:
	buffer::freeze(from->output, true);
	buffer::freeze(to->input, false);
}

bool wants_to_talk(Stream *src, Stream *dst)
{
	return (src->pub.enabled & EV_WRITE) && (dst->pub.enabled & EV_READ) && !dst->read_suspended &&
	       buffer::length(src->pub.output);
}

void output_added(evbuffer *, const evbuffer_cb_info *info, void *arg)
{
	auto *s = static_cast<Stream *>(arg);
	hold(s);
	PairStream *partner = as_pair(s)->partner;
	if (info->n_added > info->n_deleted && partner && wants_to_talk(s, &partner->s))
		transfer(s, &partner->s, false);
	release(s);
}

int pair_enable(Stream *s, short what)
{
	hold(s);
	PairStream *partner = as_pair(s)->partner;
	if (what & EV_READ)
		reset_read_timeout(s);
	if ((what & EV_WRITE) && buffer::length(s->pub.output))
		reset_write_timeout(s);
	if ((what & EV_READ) && partner && wants_to_talk(&partner->s, s))
		transfer(&partner->s, s, false);
	if ((what & EV_WRITE) && partner && wants_to_talk(s, &partner->s))
		transfer(s, &partner->s, false);
	release(s);
	return 0;
}

int pair_disable(Stream *s, short what)
{
	if (what & EV_READ)
		del_read_timeout(s);
	if (what & EV_WRITE)
		del_write_timeout(s);
	return 0;
}

// The partner sees nothing when this end goes (upstream sends no EOF).
void pair_unlink(Stream *s)
{
	PairStream *p = as_pair(s);
	if (p->partner) {
		p->partner->partner = nullptr;
		p->partner = nullptr;
	}
}

int pair_flush(Stream *s, short iotype, bufferevent_flush_mode mode)
{
	PairStream *partner = as_pair(s)->partner;
	if (!partner)
		return -1;
	if (mode == BEV_NORMAL)
		return 0;
	hold(s);
	if (iotype & EV_READ)
		transfer(&partner->s, s, true);
	if (iotype & EV_WRITE)
		transfer(s, &partner->s, true);
	if (mode == BEV_FINISHED) {
		short what = BEV_EVENT_EOF;
		if (iotype & EV_READ)
			what |= BEV_EVENT_WRITING;
		if (iotype & EV_WRITE)
			what |= BEV_EVENT_READING;
		run_eventcb(&partner->s, what, 0);
	}
	release(s);
	return 0;
}

const bufferevent_ops kPairOps = {
	"pair_elt",
	pair_enable,
	pair_disable,
	pair_unlink,
	nullptr, // destruct: the shared lock is released by the common finalizer
	adj_timeouts_generic,
	pair_flush,
	nullptr, // get_fd
	nullptr, // set_fd
	nullptr, // underlying
	nullptr, // cancel_all
};

PairStream *end_new(event_base *base, int options)
{
	auto *p = static_cast<PairStream *>(mm::zalloc(1, sizeof(PairStream)));
	if (!p)
		return nullptr;
	if (init_common(&p->s, base, &kPairOps, options) < 0) {
		mm::release(p);
		return nullptr;
	}
	if (!evbuffer_add_cb(p->s.pub.output, output_added, &p->s)) {
		free_stream(&p->s);
		return nullptr;
	}
	init_timeout_events(&p->s);
	return p;
}

} // namespace

int pair_new(event_base *base, int options, bufferevent *pair[2])
{
	options |= BEV_OPT_DEFER_CALLBACKS;
	// One lock for both ends, owned by neither alone.
	SharedLock *shared = nullptr;
	if (options & BEV_OPT_THREADSAFE) {
		void *lk = thread::alloc_lock(EVTHREAD_LOCKTYPE_RECURSIVE);
		shared = lk ? static_cast<SharedLock *>(mm::zalloc(1, sizeof(SharedLock))) : nullptr;
		if (!shared) {
			thread::free_lock(lk, EVTHREAD_LOCKTYPE_RECURSIVE);
			return -1;
		}
		shared->lock = lk;
	}
	const int options_each = options & ~BEV_OPT_THREADSAFE;
	PairStream *a = end_new(base, options_each);
	PairStream *b = a ? end_new(base, options_each) : nullptr;
	if (!b) {
		if (a)
			free_stream(&a->s);
		if (shared) {
			thread::free_lock(shared->lock, EVTHREAD_LOCKTYPE_RECURSIVE);
			mm::release(shared);
		}
		return -1;
	}
	if (shared) {
		for (PairStream *p : {a, b}) {
			enable_locking(&p->s, shared->lock);
			p->s.pair_lock = shared;
			p->s.options |= BEV_OPT_THREADSAFE;
		}
		shared->users = 2;
	}
	a->partner = b;
	b->partner = a;
	for (PairStream *p : {a, b}) {
		buffer::freeze(p->s.pub.input, false);
		buffer::freeze(p->s.pub.output, true);
	}
	pair[0] = pub(&a->s);
	pair[1] = pub(&b->s);
	return 0;
}

bufferevent *pair_get_partner(Stream *s)
{
	if (s->pub.be_ops != &kPairOps)
		return nullptr;
	hold(s);
	PairStream *partner = as_pair(s)->partner;
	bufferevent *r = partner ? pub(&partner->s) : nullptr;
	release(s);
	return r;
}

} // namespace evcxx::stream
