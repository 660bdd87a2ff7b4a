#include "adlake/silver/stats.hpp"

#include <spdlog/fmt/fmt.h>

#include <numeric>

#include "adlake/core/error.hpp"
#include "adlake/mpi/collectives.hpp"

namespace adlake::silver {

namespace {

// Which reasons each entity can have (clean/rows.hpp, CONTRACT 2.3 step 3).
constexpr std::array kRequestReasons{RejectCause::kInvalidId, RejectCause::kInvalidTimestamp};
constexpr std::array kImpressionReasons{
    RejectCause::kInvalidId,     RejectCause::kInvalidTimestamp, RejectCause::kMissingKey,
    RejectCause::kInvalidNumber, RejectCause::kOrphanImpression, RejectCause::kUnknownCampaign};
constexpr std::array kClickReasons{RejectCause::kInvalidId, RejectCause::kInvalidTimestamp,
                                   RejectCause::kOrphanClick, RejectCause::kClickOutOfWindow};
constexpr std::array kUserReasons{RejectCause::kMissingKey, RejectCause::kInvalidTimestamp};
constexpr std::array kCampaignReasons{RejectCause::kMissingKey, RejectCause::kInvalidCampaignType,
                                      RejectCause::kInvalidNumber};
constexpr std::array kAppReasons{RejectCause::kMissingKey};

}  // namespace

std::int64_t EntityStats::reject_total() const {
  return std::accumulate(rejects.begin(), rejects.end(), std::int64_t{0});
}

void EntityStats::count_rejects(std::span<const Rejected> rows) {
  for (const auto& r : rows) ++rejects[clean::code(r.reason)];
}

nlohmann::json EntityStats::to_json() const {
  nlohmann::json by_reason = nlohmann::json::object();
  for (const auto reason : reasons)
    by_reason[std::string(clean::label(reason))] = rejects[clean::code(reason)];
  return {{"rows_in", rows_in},
          {"rejects", by_reason},
          {"duplicates", duplicates},
          {"rows_out", rows_out}};
}

void EntityStats::check_conservation() const {
  if (rows_in != reject_total() + duplicates + rows_out) {
    throw Error(
        fmt::format("silver: {} does not add up: {} bronze rows != {} rejects + {} "
                    "duplicates + {} kept",
                    entity, rows_in, reject_total(), duplicates, rows_out));
  }
}

std::vector<EntityStats> empty_stats() {
  std::vector<EntityStats> out(6);
  out[0].entity = "requests";
  out[0].reasons = kRequestReasons;
  out[1].entity = "impressions";
  out[1].reasons = kImpressionReasons;
  out[2].entity = "clicks";
  out[2].reasons = kClickReasons;
  out[3].entity = "user_profiles";
  out[3].reasons = kUserReasons;
  out[4].entity = "campaigns";
  out[4].reasons = kCampaignReasons;
  out[5].entity = "app_metadata";
  out[5].reasons = kAppReasons;
  return out;
}

void sum_over_ranks(const Comm& comm, std::vector<EntityStats>& stats) {
  std::vector<std::int64_t> flat;
  for (const auto& s : stats) {
    flat.push_back(s.rows_in);
    flat.insert(flat.end(), s.rejects.begin(), s.rejects.end());
    flat.push_back(s.duplicates);
    flat.push_back(s.rows_out);
  }
  allreduce_sum_inplace(comm, flat);
  std::size_t i = 0;
  for (auto& s : stats) {
    s.rows_in = flat[i++];
    for (auto& r : s.rejects) r = flat[i++];
    s.duplicates = flat[i++];
    s.rows_out = flat[i++];
  }
  for (const auto& s : stats) s.check_conservation();
}

nlohmann::json stats_json(const std::vector<EntityStats>& stats,
                          std::initializer_list<std::string_view> entities) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& s : stats) {
    for (const auto name : entities) {
      if (s.entity == name) out[std::string(name)] = s.to_json();
    }
  }
  return out;
}

std::string format_stats(const std::vector<EntityStats>& stats) {
  std::string out = fmt::format("{:<14} {:>12} {:>10} {:>11} {:>12}  {}\n", "entity", "rows in",
                                "rejects", "duplicates", "rows out", "rejects by reason");
  for (const auto& s : stats) {
    std::string reasons;
    for (const auto reason : s.reasons) {
      const auto n = s.rejects[clean::code(reason)];
      if (n == 0) continue;
      reasons += fmt::format("{}{}={}", reasons.empty() ? "" : ", ", clean::label(reason), n);
    }
    out += fmt::format("{:<14} {:>12} {:>10} {:>11} {:>12}  {}\n", s.entity, s.rows_in,
                       s.reject_total(), s.duplicates, s.rows_out, reasons);
  }
  return out;
}

EntityStats& find_stats(std::vector<EntityStats>& stats, std::string_view entity) {
  for (auto& s : stats) {
    if (s.entity == entity) return s;
  }
  throw Error("silver: no stats for " + std::string(entity));
}

StageReport stage_report(const std::vector<EntityStats>& stats, std::int64_t fact_rows) {
  StageReport report{"silver"};
  std::int64_t dimension_rows = 0;
  for (const auto& s : stats) {
    report.rows_in += s.rows_in;
    report.rejects += s.reject_total();
    if (s.entity == "user_profiles" || s.entity == "campaigns" || s.entity == "app_metadata") {
      dimension_rows += s.rows_out;
    }
  }
  report.rows_out = fact_rows + dimension_rows;
  return report;
}

}  // namespace adlake::silver
