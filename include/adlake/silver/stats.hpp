#pragma once
// Silver's counts per source entity (CONTRACT 2.3, 5): rows in, rejects by
// reason, duplicates, rows out, and the conservation equation
// bronze rows = rejects + duplicates + kept rows.
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/core/timer.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/silver/sourced.hpp"

namespace adlake::silver {

struct EntityStats {
  std::string_view entity;               // bronze table name
  std::span<const RejectCause> reasons;  // the reasons this entity can have
  std::int64_t rows_in = 0;
  std::array<std::int64_t, kRejectCauseCount> rejects{};
  std::int64_t duplicates = 0;
  std::int64_t rows_out = 0;

  std::int64_t reject_total() const;
  void count_rejects(std::span<const Rejected> rows);
  // {"rows_in", "rejects": {reason: n} (every reason the entity can have), "duplicates",
  // "rows_out"}
  nlohmann::json to_json() const;
  // Throws Error naming the entity when rows_in != rejects + duplicates + rows_out.
  void check_conservation() const;
};

// The six entities, in CONTRACT 1's order, with their possible reasons.
std::vector<EntityStats> empty_stats();

// Collective: sums every count over ranks, then checks conservation.
void sum_over_ranks(const Comm& comm, std::vector<EntityStats>& stats);

// {"<entity>": to_json(), ...} for the named entities.
nlohmann::json stats_json(const std::vector<EntityStats>& stats,
                          std::initializer_list<std::string_view> entities);

// A text table for the job's log: rows in, rejects by reason, duplicates, rows out.
std::string format_stats(const std::vector<EntityStats>& stats);

EntityStats& find_stats(std::vector<EntityStats>& stats, std::string_view entity);

// The run summary's counts (totals over ranks): bronze rows in, rejects, and
// rows out (the fact rows and the kept dimension rows).
StageReport stage_report(const std::vector<EntityStats>& stats, std::int64_t fact_rows);

}  // namespace adlake::silver
