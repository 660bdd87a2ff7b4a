#pragma once
// Bronze's second pass over a rank's share of an entity: its rows read again
// (bronze/share.hpp) and written a slab at a time at their final widths, so
// that a rank never holds its share as columns: its memory is a slab, reused,
// whatever the size of the input (plus the values longer than their column's
// width, kept whole for the overflow group).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "adlake/bronze/share.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/table_write.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::bronze {

// The CSV value bytes a slab holds at most (a row more when one row is longer).
inline constexpr std::size_t kSlabValueBytes = std::size_t{4} << 20;
// The rows a slab holds at most (rows of short values).
inline constexpr std::size_t kSlabMaxRows = std::size_t{1} << 16;

// The most memory a slab of rows of `n_columns` string columns takes, with
// the buffer its widest column is packed into.
std::uint64_t row_slab_memory(std::size_t n_columns);

// Where this rank's rows go: their count, the columns' compact widths
// (h5/string_width.hpp) and, per file of the entity, the lines owned by the
// ranks before this one (to number them).
struct RowPlacement {
  std::int64_t rows = 0;
  std::vector<std::size_t> widths;
  std::vector<std::int64_t> lines_before;
};

// Collective: writes the table `path` of the entity's rows (its columns as
// strings, `_file`, `_line`), reading this rank's share a second time. The
// share must hold exactly the rows the first pass counted (else an agreed
// error).
void write_row_slabs(h5::File& file, const std::string& path, const EntityInput& input,
                     std::span<const csv::FileSegment> segments, const ShareOptions& options,
                     const RowPlacement& placement, const h5::TableMeta& meta, const Comm& comm);

}  // namespace adlake::bronze
