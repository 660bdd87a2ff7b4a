#pragma once
// Bronze's second pass over a rank's share of an entity: its lines read again
// (bronze/share.hpp) and written a slab at a time at their final widths, rows
// to the entity's table and rejects to its rejects table, so that a rank
// never holds its share as columns: its memory is a slab, reused, whatever
// the size of the input. Values longer than their column's width go to the
// overflow group as their slab is written (h5/string_overflow.hpp).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "adlake/bronze/share.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/string_width.hpp"
#include "adlake/h5/table_write.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::bronze {

// The CSV value bytes a slab holds at most (a line more when one is longer).
inline constexpr std::size_t kSlabValueBytes = std::size_t{4} << 20;
// The rows (or rejects) a slab holds at most (rows of short values).
inline constexpr std::size_t kSlabMaxRows = std::size_t{1} << 16;

// The most memory a slab of an entity of `n_columns` columns takes, with the
// buffer its widest column is packed into, besides a rejected line longer
// than the slab.
std::uint64_t slab_memory(std::size_t n_columns);

// Where this rank's records go, from the first pass and the all-reduces
// after it.
struct SlabPlan {
  std::int64_t rows = 0;
  std::vector<std::size_t> widths;               // per column: its compact width
  std::vector<h5::LongValueCounts> long_values;  // per column: this rank's longer values
  std::int64_t rejects = 0;
  std::size_t raw_width = 1;  // the rejects' `raw`
  h5::LongValueCounts long_raw;
  std::vector<std::int64_t> lines_before;  // per file: lines owned by lower ranks
};

struct SlabTables {
  h5::TableMeta rows;     // "/<entity>"
  h5::TableMeta rejects;  // "/_rejects/<entity>"
};

// Collective: writes the entity's table (its columns as strings, `_file`,
// `_line`) and its rejects table (`file`, `line`, `reason`, `raw`), reading
// this rank's share a second time. The share must hold exactly what the
// first pass counted (else an agreed error).
void write_share_slabs(h5::File& file, const EntityInput& input,
                       std::span<const csv::FileSegment> segments, const ShareOptions& options,
                       const SlabPlan& plan, const SlabTables& meta, const Comm& comm);

}  // namespace adlake::bronze
