#include "adlake/h5/table_types.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"

namespace adlake::h5 {

Handle string_type(size_t width) {
  Handle type(H5Tcopy(H5T_C_S1), "copy string type");
  check_status(H5Tset_size(type.id(), std::max<size_t>(width, 1)), "set string size");
  check_status(H5Tset_strpad(type.id(), H5T_STR_NULLPAD), "set string padding");
  return type;
}

Handle enum_type(const std::vector<std::string>& labels) {
  if (labels.size() > 256 ||
      std::all_of(labels.begin(), labels.end(), [](auto& l) { return l.empty(); }))
    throw Error("an enum column needs 1 to 256 labels");
  Handle type(H5Tenum_create(H5T_NATIVE_UINT8), "create enum type");
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].empty()) continue;  // a code that is not a member (core/table.hpp)
    const uint8_t value = static_cast<uint8_t>(i);
    check_status(H5Tenum_insert(type.id(), labels[i].c_str(), &value),
                 "insert enum member " + labels[i]);
  }
  return type;
}

}  // namespace adlake::h5
