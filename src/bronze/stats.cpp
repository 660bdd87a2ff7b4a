#include "adlake/bronze/stats.hpp"

#include <spdlog/fmt/fmt.h>

namespace adlake::bronze {

namespace {

nlohmann::json reasons_json(const std::array<std::int64_t, csv::kRejectReasonCount>& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t r = 0; r < csv::kRejectReasonCount; ++r) {
    out[std::string(csv::kRejectReasonNames[r])] = counts[r];
  }
  return out;
}

std::array<std::int64_t, csv::kRejectReasonCount> reasons_total(
    std::span<const FileCounts> totals) {
  std::array<std::int64_t, csv::kRejectReasonCount> sum{};
  for (const auto& counts : totals) {
    for (std::size_t r = 0; r < sum.size(); ++r) sum[r] += counts.rejects[r];
  }
  return sum;
}

double rate(double megabytes, double seconds) {
  return seconds > 0 ? megabytes / seconds : 0.0;
}

}  // namespace

nlohmann::json entity_stats(const EntityInput& input, std::span<const FileCounts> totals) {
  nlohmann::json files = nlohmann::json::array();
  std::int64_t rows_out = 0;
  for (std::size_t f = 0; f < totals.size(); ++f) {
    const FileCounts& counts = totals[f];
    files.push_back({{"path", input.labels[f]},
                     {"data_lines", counts.lines - 1},  // all but the header
                     {"rows", counts.rows},
                     {"blank_lines", counts.blank_lines},
                     {"rejects", reasons_json(counts.rejects)}});
    rows_out += counts.rows;
  }
  return {{"files", files}, {"rows_out", rows_out}};
}

nlohmann::json rejects_stats(std::span<const FileCounts> totals) {
  const auto by_reason = reasons_total(totals);
  std::int64_t rows_out = 0;
  for (auto n : by_reason) rows_out += n;
  return {{"rows_out", rows_out}, {"rejects", reasons_json(by_reason)}};
}

EntitySummary summarize(const EntityInput& input, std::span<const FileCounts> totals,
                        double seconds) {
  EntitySummary summary{input.name, input.paths.size(), 0, 0, reasons_total(totals), 0, seconds};
  for (auto bytes : input.sizes) summary.megabytes += static_cast<double>(bytes) / 1e6;
  for (const auto& counts : totals) {
    summary.rows += counts.rows;
    summary.blank_lines += counts.blank_lines;
  }
  return summary;
}

std::string format_summary(std::span<const EntitySummary> entities, int ranks) {
  constexpr auto kRow =
      "{:<14} {:>5} {:>10} {:>12} {:>16} {:>18} {:>11} {:>14} {:>9} {:>8} {:>9} {:>10}\n";
  std::string out =
      fmt::format(kRow, "entity", "files", "MB", "rows", csv::kRejectReasonNames[0],
                  csv::kRejectReasonNames[1], csv::kRejectReasonNames[2],
                  csv::kRejectReasonNames[3], "blank", "seconds", "MB/s", "MB/s/rank");
  EntitySummary total{"total"};
  const auto line = [&](const EntitySummary& e) {
    const double mbps = rate(e.megabytes, e.seconds);
    out += fmt::format(kRow, e.entity, e.files, fmt::format("{:.1f}", e.megabytes), e.rows,
                       e.rejects[0], e.rejects[1], e.rejects[2], e.rejects[3], e.blank_lines,
                       fmt::format("{:.2f}", e.seconds), fmt::format("{:.1f}", mbps),
                       fmt::format("{:.1f}", mbps / ranks));
  };
  for (const auto& e : entities) {
    line(e);
    total.files += e.files;
    total.megabytes += e.megabytes;
    total.rows += e.rows;
    total.blank_lines += e.blank_lines;
    total.seconds += e.seconds;
    for (std::size_t r = 0; r < total.rejects.size(); ++r) total.rejects[r] += e.rejects[r];
  }
  line(total);
  return out;
}

}  // namespace adlake::bronze
