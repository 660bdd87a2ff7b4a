#pragma once
// Column helpers shared by silver's tables (CONTRACT 5): enum columns of the
// clean enums, and the units of time and money columns.
#include <string>
#include <vector>

#include "adlake/clean/enum_column.hpp"
#include "adlake/core/table.hpp"

namespace adlake::silver {

inline constexpr const char* kSecondsUnits = "seconds since 1970-01-01T00:00:00Z";
inline constexpr const char* kMicrosUnits = "micros of USD (1e-6 USD)";

using clean::enum_column;  // clean/enum_column.hpp

}  // namespace adlake::silver
