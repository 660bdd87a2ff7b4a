#pragma once
// Gold's tables use the one enum column helper of clean/enum_column.hpp.
#include "adlake/clean/enum_column.hpp"

namespace adlake::gold {

using clean::enum_column;

}  // namespace adlake::gold
