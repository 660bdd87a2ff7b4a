#include "adlake/h5/table_memory.hpp"

#include <sys/statvfs.h>

#include <algorithm>

#include "adlake/h5/fixed_strings.hpp"
#include "adlake/h5/string_overflow.hpp"
#include "adlake/h5/string_width.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"

namespace adlake::h5 {

std::uint64_t table_memory_bytes(const Table& table) {
  std::uint64_t bytes = 0;
  for (const auto& column : table.columns) {
    std::visit(
        [&](const auto& values) {
          using V = std::decay_t<decltype(values)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            bytes += values.byte_size() + (values.size() + 1) * sizeof(std::size_t);
          } else if constexpr (std::is_same_v<V, EnumColumn>) {
            bytes += values.codes.size();
          } else {
            bytes += values.size() * sizeof(typename V::value_type);
          }
        },
        column.data);
  }
  return bytes;
}

TableFileSize table_file_size(const Table& local_rows, const Comm& comm, StringWidths widths) {
  const auto rows = allreduce_sum<unsigned long long>(comm, local_rows.rows());
  TableFileSize size;
  for (const auto& column : local_rows.columns) {
    std::visit(
        [&](const auto& values) {
          using V = std::decay_t<decltype(values)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            // Every rank takes part for every string column (write_table does too).
            std::uint64_t width = 0;
            if (widths == StringWidths::compact) {
              const CompactWidth compact = compact_width(values, comm);
              width = compact.width;
              size.bytes += compact.cost;  // the column and its overflow
            } else {
              width = std::max<unsigned long long>(
                  1, allreduce_max<unsigned long long>(comm, values.max_length()));
              size.bytes += rows * width;
            }
            size.widest_string = std::max(size.widest_string, width);
            // Packed a slab at a time (h5/fixed_strings.hpp); long values are
            // written from a slab too.
            const std::uint64_t slab = std::min<std::uint64_t>(values.size(), slab_rows(width));
            size.write_buffer = std::max<std::uint64_t>(size.write_buffer, slab * width);
          } else if constexpr (std::is_same_v<V, EnumColumn>) {
            size.bytes += rows;
          } else {
            size.bytes += rows * sizeof(typename V::value_type);
          }
        },
        column.data);
  }
  return size;
}

std::uint64_t write_buffer_bytes(const Table& local_rows, const Comm& comm, StringWidths widths) {
  return table_file_size(local_rows, comm, widths).write_buffer;
}

std::uint64_t free_disk_bytes(const std::string& path) {
  struct statvfs fs {};
  if (statvfs(path.c_str(), &fs) != 0) return 0;
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

std::uint64_t read_memory_bytes(const File& file, const std::string& path, std::int64_t count,
                                const std::vector<std::string>& columns) {
  const std::vector<std::string> names = columns.empty() ? table_columns(file, path) : columns;
  const auto rows = static_cast<std::uint64_t>(std::max<std::int64_t>(count, 0));
  std::uint64_t held = 0;
  std::uint64_t temporary = 0;
  for (const auto& name : names) {
    const Handle dataset = open_column(file, path, name);
    Handle type(H5Dget_type(dataset.id()), "get type of " + path + "/" + name);
    const std::uint64_t width = H5Tget_size(type.id());
    if (H5Tget_class(type.id()) == H5T_STRING) {
      // The packed column reserves the full width, plus one offset per value;
      // long values are merged in whole (at most the column's whole overflow),
      // into a copy of the column.
      const std::uint64_t long_bytes = long_value_bytes(file, dataset.id(), path, name);
      held += rows * (width + sizeof(std::size_t)) + long_bytes;
      temporary = std::max(temporary, rows * width + 2 * long_bytes);
    } else {
      held += rows * width;
    }
  }
  return held + temporary;
}

}  // namespace adlake::h5
