// extern "C" facade of event2/event.h: argument checks and conversions,
// then a call into the engine (core/loop).
#include <event2/event.h>
#include <event2/event_struct.h>

#include "core/loop/base.hpp"
#include "core/loop/config.hpp"
#include "core/loop/debug.hpp"
#include "core/loop/globals.hpp"
#include "core/signal/signal.hpp"
#include "core/thread/lock.hpp"
#include "core/time/clock.hpp"
#include "compat/null_args.hpp"
#include "core/util/log.hpp"
#include "core/util/mm.hpp"

using namespace evcxx;

using facade::missing;

extern "C" {

void event_enable_debug_mode(void) { debug::enable(); }

void event_debug_unassign(struct event *ev) { loop::unassign(ev); }

struct event_base *event_base_new(void)
{
	event_config *cfg = loop::config::create();
	if (!cfg)
		return nullptr;
	event_base *b = loop::base_new(cfg);
	loop::config::destroy(cfg);
	return b;
}

int event_reinit(struct event_base *base)
{
	if (missing(base, "event_reinit"))
		return -1;
	return loop::base_reinit(base);
}

int event_base_dispatch(struct event_base *base) { return event_base_loop(base, 0); }

const char *event_base_get_method(const struct event_base *base) { return base->method_name; }

const char **event_get_supported_methods(void) { return loop::supported_methods(); }

int event_gettime_monotonic(struct event_base *base, struct timeval *tp)
{
	if (!base || !tp)
		return -1;
	*tp = clock::to_timeval(clock::monotonic());
	return 0;
}

int event_base_get_num_events(struct event_base *base, unsigned int type)
{
	loop::lock(base);
	const int n = loop::num_events(base, type);
	loop::unlock(base);
	return n;
}

int event_base_get_max_events(struct event_base *base, unsigned int type, int clear)
{
	loop::lock(base);
	const int n = loop::max_events(base, type, clear);
	loop::unlock(base);
	return n;
}

struct event_config *event_config_new(void) { return loop::config::create(); }

void event_config_free(struct event_config *cfg) { loop::config::destroy(cfg); }

int event_config_avoid_method(struct event_config *cfg, const char *method)
{
	return loop::config::avoid_method(cfg, method);
}

int event_base_get_features(const struct event_base *base) { return base->features; }

int event_config_require_features(struct event_config *cfg, int features)
{
	if (!cfg)
		return -1;
	cfg->require_features = features;
	return 0;
}

int event_config_set_flag(struct event_config *cfg, int flag)
{
	if (!cfg)
		return -1;
	cfg->flags |= flag;
	return 0;
}

int event_config_set_num_cpus_hint(struct event_config *cfg, int cpus)
{
	if (!cfg)
		return -1;
	cfg->n_cpus_hint = cpus;
	return 0;
}

int event_config_set_max_dispatch_interval(struct event_config *cfg, const struct timeval *max_interval,
                                           int max_callbacks, int min_priority)
{
	return loop::config::set_max_dispatch_interval(cfg, max_interval, max_callbacks, min_priority);
}

struct event_base *event_base_new_with_config(const struct event_config *cfg) { return loop::base_new(cfg); }

void event_base_free(struct event_base *base) { loop::base_free(base, true); }

void event_base_free_nofinalize(struct event_base *base) { loop::base_free(base, false); }

void event_set_log_callback(event_log_cb cb) { log::set_callback(cb); }

void event_set_fatal_callback(event_fatal_cb cb) { log::set_fatal_callback(cb); }

void event_enable_debug_logging(ev_uint32_t which) { log::set_debug_mask(which); }

int event_base_loop(struct event_base *base, int flags)
{
	if (missing(base, "event_base_loop"))
		return -1;
	return loop::run(base, flags);
}

int event_base_loopexit(struct event_base *base, const struct timeval *tv)
{
	return loop::loopexit(base, tv);
}

int event_base_loopbreak(struct event_base *base) { return loop::loopbreak(base); }

int event_base_loopcontinue(struct event_base *base) { return loop::loopcontinue(base); }

int event_base_got_exit(struct event_base *base)
{
	loop::lock(base);
	const int r = base->got_exit;
	loop::unlock(base);
	return r;
}

int event_base_got_break(struct event_base *base)
{
	loop::lock(base);
	const int r = base->got_break;
	loop::unlock(base);
	return r;
}

void *event_self_cbarg(void) { return globals::self_cbarg(); }

struct event *event_new(struct event_base *base, evutil_socket_t fd, short events, event_callback_fn cb,
                        void *arg)
{
	return loop::create(base, fd, events, cb, arg);
}

int event_assign(struct event *ev, struct event_base *base, evutil_socket_t fd, short events,
                 event_callback_fn cb, void *arg)
{
	return loop::assign(ev, base, fd, events, cb, arg);
}

void event_free(struct event *ev)
{
	if (ev)
		loop::destroy(ev);
}

int event_finalize(unsigned flags, struct event *ev, event_finalize_callback_fn cb)
{
	return loop::finalize(flags & ~loop::kFinalizeFree, ev, cb);
}

int event_free_finalize(unsigned flags, struct event *ev, event_finalize_callback_fn cb)
{
	return loop::finalize(flags | loop::kFinalizeFree, ev, cb);
}

int event_base_once(struct event_base *base, evutil_socket_t fd, short events, event_callback_fn cb, void *arg,
                    const struct timeval *tv)
{
	return loop::base_once(base, fd, events, cb, arg, tv);
}

int event_add(struct event *ev, const struct timeval *timeout) { return loop::add(ev, timeout); }

int event_remove_timer(struct event *ev) { return loop::remove_timer(ev); }

int event_del(struct event *ev) { return loop::del(ev, loop::DelWait::Auto); }

int event_del_noblock(struct event *ev) { return loop::del(ev, loop::DelWait::NoBlock); }

int event_del_block(struct event *ev) { return loop::del(ev, loop::DelWait::Block); }

void event_active(struct event *ev, int res, short ncalls) { loop::activate(ev, res, ncalls); }

int event_pending(const struct event *ev, short events, struct timeval *tv)
{
	return loop::pending(ev, events, tv);
}

struct event *event_base_get_running_event(struct event_base *base) { return loop::running_event(base); }

int event_initialized(const struct event *ev)
{
	return (ev->ev_evcallback.evcb_flags & EVLIST_INIT) ? 1 : 0;
}

evutil_socket_t event_get_fd(const struct event *ev) { return ev->ev_fd; }

struct event_base *event_get_base(const struct event *ev) { return ev->ev_base; }

short event_get_events(const struct event *ev) { return ev->ev_events; }

event_callback_fn event_get_callback(const struct event *ev)
{
	return ev->ev_evcallback.evcb_cb_union.evcb_callback;
}

void *event_get_callback_arg(const struct event *ev) { return ev->ev_evcallback.evcb_arg; }

int event_get_priority(const struct event *ev) { return ev->ev_evcallback.evcb_pri; }

void event_get_assignment(const struct event *ev, struct event_base **base_out, evutil_socket_t *fd_out,
                          short *events_out, event_callback_fn *callback_out, void **arg_out)
{
	if (base_out)
		*base_out = ev->ev_base;
	if (fd_out)
		*fd_out = ev->ev_fd;
	if (events_out)
		*events_out = ev->ev_events;
	if (callback_out)
		*callback_out = ev->ev_evcallback.evcb_cb_union.evcb_callback;
	if (arg_out)
		*arg_out = ev->ev_evcallback.evcb_arg;
}

size_t event_get_struct_event_size(void) { return sizeof(struct event); }

const char *event_get_version(void) { return EVENT__VERSION; }

ev_uint32_t event_get_version_number(void) { return EVENT__NUMERIC_VERSION; }

int event_base_priority_init(struct event_base *base, int npriorities)
{
	if (missing(base, "event_base_priority_init"))
		return -1;
	loop::lock(base);
	const int r = loop::priority_init(base, npriorities);
	loop::unlock(base);
	return r;
}

int event_base_get_npriorities(struct event_base *base)
{
	if (!base)
		base = globals::current_base;
	if (missing(base, "event_base_get_npriorities"))
		return -1;
	loop::lock(base);
	const int n = base->npriorities;
	loop::unlock(base);
	return n;
}

int event_priority_set(struct event *ev, int pri) { return loop::set_priority(ev, pri); }

const struct timeval *event_base_init_common_timeout(struct event_base *base, const struct timeval *duration)
{
	return loop::init_common_timeout(base, duration);
}

void event_set_mem_functions(void *(*malloc_fn)(size_t), void *(*realloc_fn)(void *, size_t),
                             void (*free_fn)(void *))
{
	mm::set_functions(malloc_fn, realloc_fn, free_fn);
}

void event_base_dump_events(struct event_base *base, FILE *output)
{
	loop::lock(base);
	loop::dump_events(base, output);
	loop::unlock(base);
}

void event_base_active_by_fd(struct event_base *base, evutil_socket_t fd, short events)
{
	loop::active_by_fd(base, fd, events);
}

void event_base_active_by_signal(struct event_base *base, int sig) { loop::active_by_signal(base, sig); }

int event_base_foreach_event(struct event_base *base, event_base_foreach_event_cb fn, void *arg)
{
	if (!fn || !base)
		return -1;
	loop::lock(base);
	const int r = loop::foreach_event(base, fn, arg);
	loop::unlock(base);
	return r;
}

int event_base_gettimeofday_cached(struct event_base *base, struct timeval *tv)
{
	return loop::gettimeofday_cached(base, tv);
}

int event_base_update_cache_time(struct event_base *base) { return loop::update_cache_time(base); }

void libevent_global_shutdown(void)
{
	debug::free_all();
	signal::free_globals();
}

} // extern "C"
