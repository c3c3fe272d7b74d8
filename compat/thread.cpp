// event2/thread.h: the application's threading primitives, handed to the
// engine's lock layer.
#include <event2/thread.h>

#include "core/loop/base.hpp"
#include "core/thread/lock.hpp"

extern "C" {

int evthread_set_lock_callbacks(const struct evthread_lock_callbacks *cbs)
{
	return evcxx::thread::set_lock_callbacks(cbs);
}

int evthread_set_condition_callbacks(const struct evthread_condition_callbacks *cbs)
{
	return evcxx::thread::set_condition_callbacks(cbs);
}

void evthread_set_id_callback(unsigned long (*id_fn)(void))
{
	evcxx::thread::set_id_callback(id_fn);
}

// Must precede the first event_base, as with libevent: locks allocated
// earlier are not wrapped, and are reported if they reach the wrappers.
void evthread_enable_lock_debugging(void) { evcxx::thread::enable_lock_debugging(); }

void evthread_enable_lock_debuging(void) { evcxx::thread::enable_lock_debugging(); }

int evthread_make_base_notifiable(struct event_base *base)
{
	if (!base)
		return -1;
	evcxx::loop::lock(base);
	const int r = evcxx::loop::make_notifiable(base);
	evcxx::loop::unlock(base);
	return r;
}

} // extern "C"
