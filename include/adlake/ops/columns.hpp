#pragma once
// Column helpers shared by silver's tables (CONTRACT 5): enum columns with the
// clean enums' members, and the units of time and money columns.
#include <string>
#include <vector>

#include "adlake/clean/enums.hpp"
#include "adlake/h5/column.hpp"

namespace adlake::ops {

inline constexpr const char* kSecondsUnits = "seconds since 1970-01-01T00:00:00Z";
inline constexpr const char* kMicrosUnits = "micros of USD (1e-6 USD)";

// An empty enum column of E's members. With NoneMember::kExclude, `none` is
// left out of the HDF5 type but every other member keeps its code (an empty
// label, h5/column.hpp), so a code means the same label in every table.
template <clean::LabelledEnum E>
EnumColumn enum_column(clean::NoneMember none = clean::NoneMember::kInclude) {
  EnumColumn column;
  column.labels.assign(clean::enum_count<E>, std::string());
  for (const auto& member : clean::enum_members<E>(none)) {
    column.labels[member.code] = std::string(member.label);
  }
  return column;
}

}  // namespace adlake::ops
