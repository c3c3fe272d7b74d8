// Shared by the facades: a NULL object pointer that upstream would crash on
// is refused with a Warn log instead (see docs/divergences.md).
#pragma once
#include "core/util/log.hpp"

namespace evcxx::facade {

inline bool missing(const void *p, const char *fn)
{
	if (p)
		return false;
	log::warnx("%s: NULL argument", fn);
	return true;
}

} // namespace evcxx::facade
