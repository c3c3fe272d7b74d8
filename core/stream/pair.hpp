// Paired bufferevents: two in-process ends; what one writes moves (as
// chains, not copies) into the other's input. Callbacks are always
// deferred, as upstream forces BEV_OPT_DEFER_CALLBACKS on pairs.
#pragma once
#include "core/stream/stream.hpp"

namespace evcxx::stream {

int pair_new(event_base *base, int options, bufferevent *pair[2]);
// nullptr for a non-pair or once the partner is gone.
bufferevent *pair_get_partner(Stream *s);

} // namespace evcxx::stream
