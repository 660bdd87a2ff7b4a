#pragma once
// The overflow of a compact string column (CONTRACT 5: bronze and rejects
// tables): a value longer than the column's width keeps its first `width`
// bytes in the column and is whole in `<table>/_long/<column>`: `row` (int64,
// ascending), `offset` (int64, k + 1 entries, the first 0) and `bytes`
// (uint8); the column dataset carries the attributes `width` and
// `long_values` (k), and there is no group when k is 0.
#include <hdf5.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

// A column's overflow written as its long values come, a few at a time, by
// each rank alone (independent transfers), once every rank said how many it
// has and their bytes: a writer of a table slice by slice holds none of them.
class LongValuesWriter {
 public:
  // Collective (a rank with no long values joins too): the attributes of
  // `column_dataset`, and the group and its datasets when any rank has long
  // values. `local_values` and `local_bytes`: this rank's.
  LongValuesWriter(File& file, hid_t column_dataset, const std::string& table_path,
                   const std::string& column, std::size_t width, int64_t local_values,
                   int64_t local_bytes, const Comm& comm);
  ~LongValuesWriter();
  LongValuesWriter(const LongValuesWriter&) = delete;
  LongValuesWriter& operator=(const LongValuesWriter&) = delete;

  // This rank alone: the long value of `row` (of the table; ascending from
  // call to call), whole. Written when enough are buffered, or by flush().
  void add(int64_t row, std::string_view value);
  void flush();
  // Throws unless this rank added (and flushed) what it announced.
  void check_complete() const;
  // k: the long values of all ranks.
  int64_t total() const { return total_; }

 private:
  struct Datasets;
  File& file_;
  std::string path_;
  int64_t total_ = 0;
  int64_t local_values_;
  int64_t local_bytes_;
  std::unique_ptr<Datasets> datasets_;
  int64_t next_value_ = 0;  // the index in the group of the next value written
  int64_t next_byte_ = 0;   // its first byte in `bytes`
  int64_t added_values_ = 0;
  int64_t added_bytes_ = 0;
  std::vector<int64_t> rows_;  // buffered
  std::vector<int64_t> ends_;
  std::vector<char> text_;
};

// Collective (a rank with no long values joins too): the values of `values`
// (this rank's rows, the first being row `row_offset` of the table) longer
// than `width`, written whole, and the attributes of `column_dataset`.
// Returns k, the long values of all ranks.
int64_t write_long_values(File& file, hid_t column_dataset, const std::string& table_path,
                          const std::string& column, const StringColumn& values, std::size_t width,
                          int64_t row_offset, const Comm& comm);

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
