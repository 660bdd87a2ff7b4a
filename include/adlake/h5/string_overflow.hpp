#pragma once
// The overflow of a compact string column (CONTRACT 5: bronze and rejects
// tables): a value longer than the column's width keeps its first `width`
// bytes in the column and is whole in `<table>/_long/<column>`: `row` (int64,
// ascending), `offset` (int64, k + 1 entries, the first 0) and `bytes`
// (uint8); the column dataset carries the attributes `width` and
// `long_values` (k), and there is no group when k is 0.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

// This rank's values of a column longer than its width: their rows (counted
// from the rank's first row, ascending) and the values whole, either copied
// (a column written slice by slice, whose slices are gone by then) or seen
// in the column itself.
struct LongValues {
  std::vector<std::size_t> rows;
  StringColumn copies;                   // in row order, when `column` is null
  const StringColumn* column = nullptr;  // else the values are its rows `rows`

  std::string_view at(std::size_t k) const {
    return column != nullptr ? column->at(rows[k]) : copies.at(k);
  }
};

// The long values of a whole column, seen in it (no copy).
LongValues long_values_in(const StringColumn& values, std::size_t width);

// Appends copies of the values of `values` longer than `width` to `out`, the
// first of `values` being row `first_row` of this rank's rows.
void add_long_values(const StringColumn& values, std::size_t width, std::size_t first_row,
                     LongValues& out);

// Collective (a rank with no long values joins too): this rank's long values
// of a column (its first row being row `row_offset` of the table) written
// whole, and the attributes of `column_dataset`. Returns k, the long values
// of all ranks.
int64_t write_long_values(File& file, hid_t column_dataset, const std::string& table_path,
                          const std::string& column, const LongValues& long_values,
                          std::size_t width, int64_t row_offset, const Comm& comm);

// `values` holds rows [begin, begin + values.size()) of a column as stored;
// its long values become whole. Nothing for a column without an overflow
// (silver, gold, or k = 0). Collective on a parallel file: every rank opens
// the same objects (the reads of its own rows are independent).
void merge_long_values(const File& file, hid_t column_dataset, const std::string& table_path,
                       const std::string& column, int64_t begin, StringColumn& values);

// The bytes of the column's overflow (all rows), 0 without one: the most that
// merging long values into a slice of it adds.
std::uint64_t long_value_bytes(const File& file, hid_t column_dataset,
                               const std::string& table_path, const std::string& column);

}  // namespace adlake::h5
