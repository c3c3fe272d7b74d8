// struct event_config operations (the type itself is defined in base.hpp).
#pragma once
#include "core/loop/base.hpp"

namespace evcxx::loop::config {

event_config *create();
void destroy(event_config *cfg);
int avoid_method(event_config *cfg, const char *method);
int set_max_dispatch_interval(event_config *cfg, const timeval *max_interval, int max_callbacks,
                              int min_priority);

} // namespace evcxx::loop::config
