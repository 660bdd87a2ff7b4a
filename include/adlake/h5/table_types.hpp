#pragma once
// The HDF5 types of a table's columns (CONTRACT section 5), the same in
// memory as in the file: native integers and doubles, fixed-length NULLPAD
// strings, uint8 enumerations.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "adlake/h5/handle.hpp"

namespace adlake::h5 {

template <class T>
hid_t native_type() {
  if constexpr (std::is_same_v<T, int8_t>)
    return H5T_NATIVE_INT8;
  else if constexpr (std::is_same_v<T, uint8_t>)
    return H5T_NATIVE_UINT8;
  else if constexpr (std::is_same_v<T, int16_t>)
    return H5T_NATIVE_INT16;
  else if constexpr (std::is_same_v<T, int32_t>)
    return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, int64_t>)
    return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, double>)
    return H5T_NATIVE_DOUBLE;
  else
    static_assert(sizeof(T) == 0, "unsupported column type");
}

// `S<max(width, 1)>`, NULLPAD.
Handle string_type(size_t width);
// A uint8 enum whose member i is labels[i]; empty labels are not members.
Handle enum_type(const std::vector<std::string>& labels);

}  // namespace adlake::h5
