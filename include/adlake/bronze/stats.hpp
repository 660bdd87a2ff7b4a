#pragma once
// Bronze's counts: the `stats` attributes of CONTRACT 5 and the summary table
// rank 0 logs at the end.
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "adlake/bronze/share.hpp"

namespace adlake::bronze {

// `{"files": [{"path", "data_lines", "rows", "blank_lines", "rejects": {reason: n}}],
// "rows_out"}` from the counts of every file, summed over ranks. Every reason is
// listed, with 0 when it did not occur.
nlohmann::json entity_stats(const EntityInput& input, std::span<const FileCounts> totals);

// `{"rows_out", "rejects": {reason: n}}` of a rejects table.
nlohmann::json rejects_stats(std::span<const FileCounts> totals);

struct EntitySummary {
  std::string entity;
  std::size_t files = 0;
  double megabytes = 0;
  std::int64_t rows = 0;
  std::array<std::int64_t, csv::kRejectReasonCount> rejects{};
  std::int64_t blank_lines = 0;
  double seconds = 0;  // the slowest rank's
};

EntitySummary summarize(const EntityInput& input, std::span<const FileCounts> totals,
                        double seconds);

// A text table, one line per entity and a total: entity, files, MB, rows,
// rejects by reason, blank lines, seconds, MB/s (all ranks) and MB/s per rank.
std::string format_summary(std::span<const EntitySummary> entities, int ranks);

}  // namespace adlake::bronze
