#pragma once
// Memory estimates of tables, for the memory bound per rank
// (mpi/memory_budget.hpp): what a table holds, what writing it allocates on
// top, and what reading a slice of a stored table will take, all known before
// the memory is allocated.
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

// The bytes `table`'s columns hold (values and string offsets).
std::uint64_t table_memory_bytes(const Table& table);

// Collective: what write_table(..., widths) will store for the rows of all
// ranks (strings at the longest value of any rank, or compact: the column and
// its overflow), the widest string column's width, and the largest buffer it
// allocates for this rank's rows (fixed-length strings are packed a slab of
// at most about kStringSlabBytes at a time, h5/fixed_strings.hpp).
struct TableFileSize {
  std::uint64_t bytes = 0;
  std::uint64_t widest_string = 0;
  std::uint64_t write_buffer = 0;
};
TableFileSize table_file_size(const Table& local_rows, const Comm& comm,
                              StringWidths widths = StringWidths::longest);

// Collective: table_file_size(...).write_buffer.
std::uint64_t write_buffer_bytes(const Table& local_rows, const Comm& comm,
                                 StringWidths widths = StringWidths::longest);

// The bytes free to unprivileged users in the file system that holds `path`
// (a file or a folder); 0 when it cannot be read.
std::uint64_t free_disk_bytes(const std::string& path);

// What read_table(file, path, begin, count, columns) holds once done plus its
// largest temporary buffer (a string column is read at its stored width, then
// packed). Reads only the datasets' types.
std::uint64_t read_memory_bytes(const File& file, const std::string& path, std::int64_t count,
                                const std::vector<std::string>& columns = {});

}  // namespace adlake::h5
