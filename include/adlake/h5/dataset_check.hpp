#pragma once
// The checks every layer read goes through before it reads a byte of data
// (docs/hardening.md "Hostile layers"): a layer may come from elsewhere (a
// shared project folder, a copy from another team), so a file that is valid
// HDF5 but not what adlake wrote must end in a clear error naming the file,
// the table, the column, what was expected and what was found; never a
// crash, a hang, a silent wrong answer, or a read outside the file.
#include <hdf5.h>

#include <cstdint>
#include <string>

#include "adlake/h5/handle.hpp"

namespace adlake::h5 {

// The widest fixed-length string a layer's column may declare. Silver's and
// gold's values are bounded by CONTRACT 2.1 (128 bytes); bronze's raw text is
// not, but a whole CSV line is read into memory to be parsed, so a wider
// value could not have been written by bronze in the first place.
inline constexpr std::size_t kMaxStringWidth = std::size_t{64} << 20;

// Deflate's best ratio is about 1032:1: a filtered dataset that declares more
// than this many bytes per stored byte was not made by compressing real data.
inline constexpr std::uint64_t kMaxCompressionRatio = 1100;

// Opens `path` in `file` (an HDF5 path from the root), following hard links
// only: an external link would read another file, a soft link another
// object than the one named. `what` names the object in the error.
Handle open_object_in_file(hid_t file, const std::string& path, const std::string& what);
// Whether `path` exists; throws like open_object_in_file on a link.
bool object_in_file_exists(hid_t file, const std::string& path, const std::string& what);

// What a checked dataset holds.
struct DatasetShape {
  std::uint64_t rows = 0;
  H5T_class_t type_class = H5T_NO_CLASS;
  std::size_t type_size = 0;
};

// Checks `dataset` (of type `type`) is a column adlake can read whole from its
// own file: one dimension of exactly `rows` entries; contiguous, chunked or
// compact storage in the file (no external raw data, no virtual dataset);
// no filter but deflate, shuffle and fletcher32; a type of a supported class
// (integer of 1, 2, 4 or 8 bytes, float64 or float32, fixed-length string of
// at most kMaxStringWidth bytes, enum over one byte); and as many bytes
// stored as it declares (an unwritten dataset must not make a reader
// allocate what it declares). `where` names file, table and column.
DatasetShape check_column_dataset(hid_t dataset, hid_t type, std::int64_t rows,
                                  const std::string& where);

}  // namespace adlake::h5
