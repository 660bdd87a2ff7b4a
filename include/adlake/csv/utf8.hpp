#pragma once
#include <string_view>

namespace adlake::csv {

// True if `bytes` is well-formed UTF-8 (Unicode 15, table 3-7): no overlong
// forms, no surrogates, nothing above U+10FFFF, no truncated sequence.
bool is_valid_utf8(std::string_view bytes);

}  // namespace adlake::csv
