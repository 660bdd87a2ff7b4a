#pragma once
// Fixed-length strings for HDF5 (CONTRACT 5: NULL-padded `S<n>`, n = the
// longest value of the column). A column is packed and written in slabs of a
// bounded size: the buffer does not grow with the column, so one long value
// (a 5 kB rejected line in a column of millions) costs a slab, not a copy of
// the column at that width.
#include <cstddef>
#include <memory>

#include "adlake/h5/column.hpp"

namespace adlake::h5 {

// The most bytes a slab of packed strings takes (one row more when a single
// value is longer).
inline constexpr std::size_t kStringSlabBytes = std::size_t{16} << 20;

// Rows per slab for strings of `width` bytes: at least 1.
std::size_t slab_rows(std::size_t width);

// Writes values [begin, begin + count) to `out` (count * width bytes), each
// value followed by NULs up to `width`. Every value must fit in `width`.
void pack_fixed_strings(const StringColumn& values, std::size_t begin, std::size_t count,
                        std::size_t width, char* out);

// The buffer slabs are packed into, reused from column to column. It is not
// zero-filled (packing writes every byte) and only grows.
class SlabBuffer {
 public:
  char* get(std::size_t bytes);

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
};

}  // namespace adlake::h5
