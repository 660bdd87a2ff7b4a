#pragma once
// One-dimensional datasets written a slice per rank and read a range at a
// time: the transfers under the table layout (h5/table_io.hpp) and its string
// overflow groups (h5/string_overflow.hpp).
#include <hdf5.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "adlake/h5/file.hpp"
#include "adlake/h5/handle.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

// The slice this rank writes or reads, in file and memory.
struct Selection {
  Handle file_space;
  Handle mem_space;
};

// Elements [begin, begin + count) of a 1-D dataset's space (none when count is 0).
Selection select_rows(hid_t dataset_space, int64_t begin, int64_t count);

// Collective: room on disk for `dataset`'s data before it is written; a full
// disk met inside the collective write would leave the ranks stuck in HDF5
// (h5/file_space.cpp).
void reserve_for(File& file, hid_t dataset);

// Creates the 1-D dataset `name` of `total` elements of `type` in `group`
// (collective on a parallel file; space allocated at the first write).
Handle create_dataset_1d(const File& file, hid_t group, const std::string& name, hid_t type,
                         int64_t total, const std::string& where);

// Collective: this rank's elements [offset, offset + count) of `dataset`,
// written in rounds of at most `per_round` elements; every rank joins every
// round (with none once its own are written). `slice(first, n)` returns
// elements [first, first + n) of this rank's part, valid until the next call.
// The memory type is the file type, so the transfer stays collective; a
// failed write is agreed, so that every rank unwinds together.
void write_in_rounds(File& file, hid_t dataset, hid_t type, int64_t offset, int64_t count,
                     int64_t per_round, const std::function<const void*(int64_t, int64_t)>& slice,
                     const Comm& comm, const std::string& what);

// This rank alone (an independent transfer): elements [first, first + count)
// of a 1-D dataset from `data` (memory type = file type `type`); an empty
// selection for count 0. IoError naming `what` (and a full disk).
void write_range(const File& file, hid_t dataset, hid_t type, int64_t first, int64_t count,
                 const void* data, const std::string& what);

// This rank alone (an independent transfer): elements [begin, begin + count)
// of a 1-D int64 or uint8 dataset.
std::vector<int64_t> read_int64s(const File& file, hid_t dataset, int64_t begin, int64_t count,
                                 const std::string& what);
std::vector<char> read_bytes(const File& file, hid_t dataset, int64_t begin, int64_t count,
                             const std::string& what);

}  // namespace adlake::h5
