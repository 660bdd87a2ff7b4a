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
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::h5 {
namespace {

constexpr const char* kWidth = "width";
constexpr const char* kLongValues = "long_values";

std::string group_path(const std::string& table_path, const std::string& column) {
  return table_path + "/_long/" + column;
}

// Long values buffered before they are written: about a slab's worth
// (h5/fixed_strings.hpp).
constexpr std::size_t kBufferedValues = kStringSlabBytes / (2 * sizeof(int64_t));

// `values` (rows from `begin`) with the long values of `rows` (ascending)
// put in place; a row outside the slice, or out of order, leaves the result
// short, which the caller reports.
StringColumn splice_long_values(const StringColumn& values, int64_t begin,
                                const std::vector<int64_t>& rows,
                                const std::vector<int64_t>& offsets,
                                const std::vector<char>& text) {
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
  if (j != rows.size()) return StringColumn{};
  return whole;
}

}  // namespace

struct LongValuesWriter::Datasets {
  Handle group;
  Handle row;
  Handle offset;
  Handle bytes;
};

LongValuesWriter::LongValuesWriter(File& file, hid_t column_dataset, const std::string& table_path,
                                   const std::string& column, std::size_t width,
                                   int64_t local_values, int64_t local_bytes, const Comm& comm)
    : file_(file),
      path_(group_path(table_path, column)),
      local_values_(local_values),
      local_bytes_(local_bytes) {
  total_ = allreduce_sum<int64_t>(comm, local_values);
  write_attribute(column_dataset, kWidth, static_cast<int64_t>(width));
  write_attribute(column_dataset, kLongValues, total_);
  if (total_ == 0) return;
  next_value_ = exclusive_scan_sum<int64_t>(comm, local_values);
  next_byte_ = exclusive_scan_sum<int64_t>(comm, local_bytes);
  const int64_t total_bytes = allreduce_sum<int64_t>(comm, local_bytes);
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), "create link properties");
  H5Pset_create_intermediate_group(lcpl.id(), 1);
  Handle group(H5Gcreate2(file.id(), path_.c_str(), lcpl.id(), H5P_DEFAULT, H5P_DEFAULT),
               "create group " + path_ + " in " + file.path());
  Handle row = create_dataset_1d(file, group.id(), "row", H5T_NATIVE_INT64, total_, path_);
  Handle offset =
      create_dataset_1d(file, group.id(), "offset", H5T_NATIVE_INT64, total_ + 1, path_);
  Handle bytes = create_dataset_1d(file, group.id(), "bytes", H5T_NATIVE_UINT8, total_bytes, path_);
  for (hid_t dataset : {row.id(), offset.id(), bytes.id()}) reserve_for(file, dataset);
  datasets_ = std::make_unique<Datasets>(
      Datasets{std::move(group), std::move(row), std::move(offset), std::move(bytes)});
  // The first offset, 0.
  collective_try(comm, [&] {
    const int64_t zero = 0;
    write_range(file, datasets_->offset.id(), H5T_NATIVE_INT64, 0, comm.is_root() ? 1 : 0, &zero,
                "dataset " + path_ + "/offset");
  });
}

LongValuesWriter::~LongValuesWriter() = default;

void LongValuesWriter::add(int64_t row, std::string_view value) {
  rows_.push_back(row);
  text_.insert(text_.end(), value.begin(), value.end());
  ends_.push_back(next_byte_ + static_cast<int64_t>(text_.size()));
  ++added_values_;
  added_bytes_ += static_cast<int64_t>(value.size());
  if (added_values_ > local_values_ || added_bytes_ > local_bytes_) {
    throw Error("more long values than announced in " + path_);
  }
  if (rows_.size() >= kBufferedValues || text_.size() >= kStringSlabBytes) flush();
}

void LongValuesWriter::flush() {
  if (rows_.empty()) return;
  const auto n = static_cast<int64_t>(rows_.size());
  write_range(file_, datasets_->row.id(), H5T_NATIVE_INT64, next_value_, n, rows_.data(),
              "dataset " + path_ + "/row");
  write_range(file_, datasets_->offset.id(), H5T_NATIVE_INT64, next_value_ + 1, n, ends_.data(),
              "dataset " + path_ + "/offset");
  write_range(file_, datasets_->bytes.id(), H5T_NATIVE_UINT8, next_byte_,
              static_cast<int64_t>(text_.size()), text_.data(), "dataset " + path_ + "/bytes");
  next_value_ += n;
  next_byte_ += static_cast<int64_t>(text_.size());
  rows_.clear();
  ends_.clear();
  text_.clear();
}

void LongValuesWriter::check_complete() const {
  if (added_values_ != local_values_ || added_bytes_ != local_bytes_ || !rows_.empty()) {
    throw Error("fewer long values than announced in " + path_);
  }
}

int64_t write_long_values(File& file, hid_t column_dataset, const std::string& table_path,
                          const std::string& column, const StringColumn& values, std::size_t width,
                          int64_t row_offset, const Comm& comm) {
  int64_t count = 0;
  int64_t bytes = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values.at(i).size() <= width) continue;
    ++count;
    bytes += static_cast<int64_t>(values.at(i).size());
  }
  LongValuesWriter writer(file, column_dataset, table_path, column, width, count, bytes, comm);
  collective_try(comm, [&] {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values.at(i).size() > width) {
        writer.add(row_offset + static_cast<int64_t>(i), values.at(i));
      }
    }
    writer.flush();
    writer.check_complete();
  });
  return writer.total();
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

  values = splice_long_values(values, begin, rows, offsets, text);
  if (values.size() != static_cast<std::size_t>(count)) {
    throw IoError(where + "/row in " + file.path() + " is not ascending");
  }
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
