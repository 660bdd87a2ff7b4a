#pragma once
// A table column of one of the contract's enums (CONTRACT 5): its labels are
// the enum's labels indexed by code, so a code means the same label in every
// table of silver and gold.
#include <cstddef>
#include <string>
#include <vector>

#include "adlake/clean/enums.hpp"
#include "adlake/core/table.hpp"

namespace adlake::clean {

// A column of `rows` codes 0 typed by E. With NoneMember::kExclude, `none`
// is left out of the HDF5 type (dimension tables) but every other member
// keeps its code (an empty label, h5/column.hpp).
template <LabelledEnum E>
EnumColumn enum_column(std::size_t rows = 0, NoneMember none = NoneMember::kInclude) {
  EnumColumn column;
  column.labels.assign(enum_count<E>, std::string());
  for (const auto& member : enum_members<E>(none)) {
    column.labels[member.code] = std::string(member.label);
  }
  column.codes.resize(rows);
  return column;
}

}  // namespace adlake::clean
