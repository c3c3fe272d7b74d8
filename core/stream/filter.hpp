// Filtering bufferevents: a bufferevent over another one whose data passes
// through the application's input/output filter functions. The filter takes
// over the underlying bufferevent's callbacks and holds a reference to it.
#pragma once
#include "core/stream/stream.hpp"

namespace evcxx::stream {

Stream *filter_new(Stream *underlying, bufferevent_filter_cb input_filter, bufferevent_filter_cb output_filter,
                   int options, void (*free_context)(void *), void *ctx);

} // namespace evcxx::stream
