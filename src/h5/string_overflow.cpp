#include "adlake/h5/string_overflow.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/dataset_check.hpp"
#include "adlake/h5/dataset_io.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/mpi/collectives.hpp"

namespace adlake::h5 {
namespace {

constexpr const char* kWidth = "width";
constexpr const char* kLongValues = "long_values";

std::string group_path(const std::string& table_path, const std::string& column) {
  return table_path + "/_long/" + column;
}

// Elements of int64 per write round: a slab's worth (h5/fixed_strings.hpp).
constexpr int64_t kInt64sPerRound = static_cast<int64_t>(kStringSlabBytes / sizeof(int64_t));

// Copies bytes [first, first + n) of the concatenation of the long values,
// asked for in ascending, contiguous ranges (one write round after another).
class LongBytes {
 public:
  explicit LongBytes(const LongValues& values) : values_(values) {}
  const void* copy(std::size_t n, char* out) {
    char* const start = out;
    while (n > 0) {
      const std::string_view v = values_.at(next_);
      const std::size_t take = std::min(n, v.size() - within_);
      std::memcpy(out, v.data() + within_, take);
      out += take;
      n -= take;
      within_ += take;
      if (within_ == v.size()) {
        ++next_;
        within_ = 0;
      }
    }
    return start;
  }

 private:
  const LongValues& values_;
  std::size_t next_ = 0;    // the value being copied
  std::size_t within_ = 0;  // bytes of it already copied
};

}  // namespace

LongValues long_values_in(const StringColumn& values, std::size_t width) {
  LongValues out;
  out.column = &values;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values.at(i).size() > width) out.rows.push_back(i);
  }
  return out;
}

void add_long_values(const StringColumn& values, std::size_t width, std::size_t first_row,
                     LongValues& out) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values.at(i).size() > width) {
      out.rows.push_back(first_row + i);
      out.copies.push_back(values.at(i));
    }
  }
}

int64_t write_long_values(File& file, hid_t column_dataset, const std::string& table_path,
                          const std::string& column, const LongValues& long_values,
                          std::size_t width, int64_t row_offset, const Comm& comm) {
  const std::vector<std::size_t>& rows = long_values.rows;
  int64_t bytes = 0;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    bytes += static_cast<int64_t>(long_values.at(k).size());
  }
  const auto local = static_cast<int64_t>(rows.size());
  const int64_t k = allreduce_sum<int64_t>(comm, local);
  write_attribute(column_dataset, kWidth, static_cast<int64_t>(width));
  write_attribute(column_dataset, kLongValues, k);
  if (k == 0) return 0;

  const int64_t before = exclusive_scan_sum<int64_t>(comm, local);
  const int64_t bytes_before = exclusive_scan_sum<int64_t>(comm, bytes);
  const int64_t total_bytes = allreduce_sum<int64_t>(comm, bytes);
  const std::string path = group_path(table_path, column);
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), "create link properties");
  H5Pset_create_intermediate_group(lcpl.id(), 1);
  Handle group(H5Gcreate2(file.id(), path.c_str(), lcpl.id(), H5P_DEFAULT, H5P_DEFAULT),
               "create group " + path + " in " + file.path());

  std::vector<int64_t> numbers;  // rows, then offsets
  numbers.reserve(rows.size() + 1);
  for (std::size_t i : rows) numbers.push_back(row_offset + static_cast<int64_t>(i));
  auto from_numbers = [&](int64_t first, int64_t) -> const void* { return numbers.data() + first; };
  Handle row(create_dataset_1d(file, group.id(), "row", H5T_NATIVE_INT64, k, path));
  write_in_rounds(file, row.id(), H5T_NATIVE_INT64, before, local, kInt64sPerRound, from_numbers,
                  comm, "dataset " + path + "/row");

  // Each value's end; rank 0 also writes the first offset, 0.
  numbers.clear();
  if (comm.is_root()) numbers.push_back(0);
  int64_t end = bytes_before;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    end += static_cast<int64_t>(long_values.at(i).size());
    numbers.push_back(end);
  }
  Handle offset(create_dataset_1d(file, group.id(), "offset", H5T_NATIVE_INT64, k + 1, path));
  write_in_rounds(file, offset.id(), H5T_NATIVE_INT64, comm.is_root() ? 0 : before + 1,
                  static_cast<int64_t>(numbers.size()), kInt64sPerRound, from_numbers, comm,
                  "dataset " + path + "/offset");

  Handle byte_dataset(
      create_dataset_1d(file, group.id(), "bytes", H5T_NATIVE_UINT8, total_bytes, path));
  LongBytes long_bytes(long_values);
  SlabBuffer slab;
  const auto per_round = static_cast<int64_t>(kStringSlabBytes);
  write_in_rounds(
      file, byte_dataset.id(), H5T_NATIVE_UINT8, bytes_before, bytes, per_round,
      [&](int64_t, int64_t n) {
        return long_bytes.copy(static_cast<std::size_t>(n), slab.get(static_cast<std::size_t>(n)));
      },
      comm, "dataset " + path + "/bytes");
  return k;
}

void merge_long_values(const File& file, hid_t column_dataset, const std::string& table_path,
                       const std::string& column, int64_t begin, StringColumn& values) {
  if (!has_attribute(column_dataset, kLongValues)) return;
  const int64_t k = read_int_attribute(column_dataset, kLongValues);
  if (k <= 0) return;
  const std::string path = group_path(table_path, column);
  const std::string where = "dataset " + path;
  // The overflow is read through the same checks as every column
  // (h5/dataset_check.hpp): hard links only, storage inside the file, the
  // declared type and length.
  auto open = [&](const char* name, int64_t rows) {
    const std::string what = file.path() + ", " + where + "/" + name;
    Handle dataset = open_object_in_file(file.id(), path + "/" + name, what);
    const Handle type(H5Dget_type(dataset.id()), "get type of " + what);
    check_column_dataset(dataset.id(), type.id(), rows, what);
    return dataset;
  };
  const Handle row = open("row", k);
  const Handle offset = open("offset", k + 1);
  const int64_t total = read_int64s(file, offset.id(), k, 1, where + "/offset")[0];
  if (total < 0) throw IoError(where + "/offset in " + file.path() + " ends below 0");
  const Handle bytes = open("bytes", total);

  // The long values of rows [begin, end): a binary search of `row` (ascending),
  // reading one entry per step, so a slice never reads the whole group.
  const auto count = static_cast<int64_t>(values.size());
  auto first_at_or_after = [&](int64_t target) {
    int64_t lo = 0;
    int64_t hi = k;
    while (lo < hi) {
      const int64_t mid = lo + (hi - lo) / 2;
      if (read_int64s(file, row.id(), mid, 1, where + "/row")[0] < target)
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo;
  };
  if (count == 0) return;
  const int64_t first = first_at_or_after(begin);
  const int64_t last = first_at_or_after(begin + count);
  if (first == last) return;
  const auto rows = read_int64s(file, row.id(), first, last - first, where + "/row");
  const auto offsets = read_int64s(file, offset.id(), first, last - first + 1, where + "/offset");
  if (!std::is_sorted(offsets.begin(), offsets.end()) || offsets.front() < 0) {
    throw IoError(where + "/offset in " + file.path() + " is not ascending");
  }
  const auto text = read_bytes(file, bytes.id(), offsets.front(), offsets.back() - offsets.front(),
                               where + "/bytes");

  StringColumn whole;
  whole.reserve(values.size(), values.byte_size() + text.size());
  std::size_t j = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (j < rows.size() && rows[j] == begin + static_cast<int64_t>(i)) {
      whole.push_back(std::string_view(text.data() + (offsets[j] - offsets.front()),
                                       static_cast<std::size_t>(offsets[j + 1] - offsets[j])));
      ++j;
    } else {
      whole.push_back(values.at(i));
    }
  }
  if (j != rows.size()) throw IoError(where + "/row in " + file.path() + " is not ascending");
  values = std::move(whole);
}

std::uint64_t long_value_bytes(const File& file, hid_t column_dataset,
                               const std::string& table_path, const std::string& column) {
  if (!has_attribute(column_dataset, kLongValues) ||
      read_int_attribute(column_dataset, kLongValues) <= 0) {
    return 0;
  }
  const std::string dataset = group_path(table_path, column) + "/bytes";
  Handle bytes(H5Dopen2(file.id(), dataset.c_str(), H5P_DEFAULT),
               "open dataset " + dataset + " in " + file.path());
  Handle space(H5Dget_space(bytes.id()), "get space of " + dataset);
  return static_cast<std::uint64_t>(H5Sget_simple_extent_npoints(space.id()));
}

}  // namespace adlake::h5
