// Non-throwing views into text. std::string_view::substr may throw, which the
// engine (built without exceptions or the C++ runtime) cannot link; slice()
// clamps instead.
#pragma once
#include <string_view>

namespace evcxx::util {

inline std::string_view slice(std::string_view s, size_t pos, size_t n = std::string_view::npos)
{
	if (pos > s.size())
		pos = s.size();
	const size_t left = s.size() - pos;
	return std::string_view(s.data() + pos, n < left ? n : left);
}

} // namespace evcxx::util
