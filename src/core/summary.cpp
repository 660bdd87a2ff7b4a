#include "adlake/core/summary.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <string>

#include "adlake/mpi/collectives.hpp"

namespace adlake {

void record_stage(Context& ctx, StageReport report, double local_seconds) {
  const auto times = allgather(ctx.comm, local_seconds);
  const auto slowest = std::max_element(times.begin(), times.end());
  const auto fastest = std::min_element(times.begin(), times.end());
  report.seconds = *slowest;
  report.min_seconds = *fastest;
  report.slowest_rank = static_cast<int>(slowest - times.begin());
  report.fastest_rank = static_cast<int>(fastest - times.begin());
  ctx.reports.push_back(std::move(report));
}

std::string format_summary(const Context& ctx) {
  std::string out =
      fmt::format("{:<10} {:>12} {:>12} {:>10} {:>14} {:>14} {:>9} {:>12}\n", "stage", "rows in",
                  "rows out", "rejects", "slowest s(rk)", "fastest s(rk)", "MB/s", "rows/s");
  for (const auto& r : ctx.reports) {
    if (!r.note.empty()) {
      out += fmt::format("{:<10} {}\n", r.stage, r.note);
      continue;
    }
    // "-" where a stage reports no input bytes: a 0.0 would read as "no throughput".
    const std::string mbps = r.seconds > 0 && r.megabytes > 0
                                 ? fmt::format("{:.1f}", r.megabytes / r.seconds)
                                 : std::string("-");
    const double rps = r.seconds > 0 ? static_cast<double>(r.rows_in) / r.seconds : 0.0;
    out += fmt::format(
        "{:<10} {:>12} {:>12} {:>10} {:>9.2f} ({:>2}) {:>9.2f} ({:>2}) {:>9} {:>12.0f}\n", r.stage,
        r.rows_in, r.rows_out, r.rejects, r.seconds, r.slowest_rank, r.min_seconds, r.fastest_rank,
        mbps, rps);
  }
  return out;
}

}  // namespace adlake
