#pragma once
// The local kernel of bronze: one rank's share of one entity, read from its
// byte ranges (csv/byte_split.hpp) into columns. No MPI here: the
// distributed flow (bronze/ingest.hpp) numbers the lines and writes the tables.
#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/csv/byte_split.hpp"
#include "adlake/csv/reject_reason.hpp"

namespace adlake::bronze {

// One entity's input: its files in name order.
struct EntityInput {
  std::string name;
  std::span<const std::string_view> columns;  // CONTRACT 1, in order
  std::vector<std::string> paths;             // full paths, to open
  std::vector<std::string> labels;            // paths relative to RAW, for messages and /_files
  std::vector<std::uint64_t> sizes;
  std::int32_t first_file_index = 0;  // index of paths[0] in /_files
};

// What a rank saw of one file.
struct FileCounts {
  std::int64_t lines = 0;  // physical lines owned, the header included
  std::int64_t blank_lines = 0;
  std::int64_t rows = 0;
  std::array<std::int64_t, csv::kRejectReasonCount> rejects{};

  std::int64_t reject_total() const;
};

struct EntityShare {
  // The entity's columns as strings, then `_file` (int32, into /_files) and
  // `_line` (int64).
  Table rows;
  // `file` (int32, into /_files), `line` (int64), `reason` (enum), `raw`.
  Table rejects;
  // Per file of the entity (EntityInput order).
  std::vector<FileCounts> counts;
  std::uint64_t bytes = 0;  // the size of this rank's byte ranges
};

struct ShareOptions {
  std::size_t chunk_bytes = std::size_t{4} << 20;
  // Called now and then with the bytes of this rank's ranges read so far.
  std::function<void(std::uint64_t)> on_progress;
};

// Reads the lines this rank owns in `segments`. Until number_lines() runs,
// `_line` and `line` hold the line's 0-based position among the lines of its
// file that this rank owns. Throws DataError (header) or IoError naming the
// file.
EntityShare read_share(const EntityInput& input, std::span<const csv::FileSegment> segments,
                       const ShareOptions& options = {});

// Turns the positions into 1-based physical line numbers, given for each file
// of the entity the number of its lines owned by lower ranks.
void number_lines(EntityShare& share, std::int32_t first_file_index,
                  std::span<const std::int64_t> lines_before);

}  // namespace adlake::bronze
