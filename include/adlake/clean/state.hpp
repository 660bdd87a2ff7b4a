#pragma once
// `state` (CONTRACT 2.1): a USPS code of the 50 states or DC, any case, is
// itself; else the full name, case-insensitive, with inner runs of spaces
// folded to one (`new   york` -> NY, `District of Columbia` -> DC); else UNK.
// Only spaces fold: a tab inside a name does not match.
#include <string_view>

#include "adlake/clean/enums.hpp"

namespace adlake::clean {

State state(std::string_view bronze);

// The full name of a state ("New York"); empty for UNK.
std::string_view state_name(State code);

}  // namespace adlake::clean
