#pragma once
// An EnumColumn typed by one of the contract's enums: its labels are the
// enum's full label list (member value = code), so a code means the same label
// in silver's and gold's tables.
#include <string>
#include <vector>

#include "adlake/clean/enums.hpp"
#include "adlake/h5/column.hpp"

namespace adlake::gold {

template <clean::LabelledEnum E>
EnumColumn enum_column(size_t rows = 0) {
  const auto& labels = clean::EnumTraits<E>::labels;
  return EnumColumn{std::vector<std::string>(labels.begin(), labels.end()),
                    std::vector<uint8_t>(rows)};
}

}  // namespace adlake::gold
