#include "core/loop/config.hpp"

#include <climits>

#include "core/util/mm.hpp"

namespace evcxx::loop::config {

event_config *create() { return mm::make<event_config>(); }

void destroy(event_config *cfg)
{
	if (!cfg)
		return;
	while (auto *a = cfg->avoided) {
		cfg->avoided = a->next;
		mm::release(a->name);
		mm::release(a);
	}
	mm::destroy(cfg);
}

int avoid_method(event_config *cfg, const char *method)
{
	auto *entry = static_cast<event_config::AvoidedMethod *>(mm::alloc(sizeof(event_config::AvoidedMethod)));
	if (!entry)
		return -1;
	entry->name = mm::strdup(method);
	if (!entry->name) {
		mm::release(entry);
		return -1;
	}
	entry->next = cfg->avoided;
	cfg->avoided = entry;
	return 0;
}

int set_max_dispatch_interval(event_config *cfg, const timeval *max_interval, int max_callbacks,
                              int min_priority)
{
	if (max_interval)
		cfg->max_dispatch_interval = *max_interval;
	else
		cfg->max_dispatch_interval.tv_sec = -1;
	cfg->max_dispatch_callbacks = max_callbacks >= 0 ? max_callbacks : INT_MAX;
	cfg->limit_callbacks_after_prio = min_priority < 0 ? 0 : min_priority;
	return 0;
}

} // namespace evcxx::loop::config
