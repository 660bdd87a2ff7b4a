#pragma once
// Fixed-length strings for HDF5 (CONTRACT 5: NULL-padded `S<w>`). A column
// is packed and written in slabs of a bounded size: the buffer does not grow
// with the column, so a wide column costs a slab, not a copy of the column at
// that width.
#include <cstddef>
#include <memory>

#include "adlake/core/table.hpp"

namespace adlake::h5 {

// The width of a string column (CONTRACT 5): `longest` in silver and gold,
// whose values section 2 bounds (every value whole in the column); `compact`
// in bronze and every rejects table, whose raw text is unbounded: the width
// that makes the column smallest (h5/string_width.hpp), longer values whole in
// the table's overflow group (h5/string_overflow.hpp).
enum class StringWidths { longest, compact };

// The most bytes a slab of packed strings takes (one row more when a single
// value is longer).
inline constexpr std::size_t kStringSlabBytes = std::size_t{16} << 20;

// Rows per slab for strings of `width` bytes: at least 1.
std::size_t slab_rows(std::size_t width);

// Writes values [begin, begin + count) to `out` (count * width bytes), each
// value followed by NULs up to `width`; a longer value keeps its first
// `width` bytes (the whole of it is in the overflow group).
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
