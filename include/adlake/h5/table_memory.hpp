#pragma once
// Memory estimates of tables, for the memory bound per rank
// (core/memory_budget.hpp): what a table holds, what writing it allocates on
// top, and what reading a slice of a stored table will take, all known before
// the memory is allocated.
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/h5/column.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

// The bytes `table`'s columns hold (values and string offsets).
std::uint64_t table_memory_bytes(const Table& table);

// Collective: the largest buffer write_table() allocates for this rank's rows.
// Fixed-length strings are packed at the longest value over all ranks, a slab
// of at most about kStringSlabBytes at a time (h5/fixed_strings.hpp).
std::uint64_t write_buffer_bytes(const Table& local_rows, const Comm& comm);

// Collective: what write_table() will store for the rows of all ranks: every
// column's bytes (strings at the longest value of any rank), and the widest
// string column's width.
struct TableFileSize {
  std::uint64_t bytes = 0;
  std::uint64_t widest_string = 0;
};
TableFileSize table_file_size(const Table& local_rows, const Comm& comm);

// The bytes free to unprivileged users in the file system that holds `path`
// (a file or a folder); 0 when it cannot be read.
std::uint64_t free_disk_bytes(const std::string& path);

// What read_table(file, path, begin, count, columns) holds once done plus its
// largest temporary buffer (a string column is read at its stored width, then
// packed). Reads only the datasets' types.
std::uint64_t read_memory_bytes(const File& file, const std::string& path, std::int64_t count,
                                const std::vector<std::string>& columns = {});

}  // namespace adlake::h5
