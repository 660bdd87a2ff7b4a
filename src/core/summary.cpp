#include "adlake/core/summary.hpp"

#include <spdlog/fmt/fmt.h>

#include "adlake/mpi/collectives.hpp"

namespace adlake {

void record_stage(Context& ctx, StageReport report, double local_seconds) {
  report.seconds = allreduce_max(ctx.comm, local_seconds);
  report.min_seconds = allreduce_min(ctx.comm, local_seconds);
  ctx.reports.push_back(std::move(report));
}

std::string format_summary(const Context& ctx) {
  std::string out = fmt::format("{:<10} {:>12} {:>12} {:>10} {:>9} {:>9} {:>9} {:>12}\n", "stage",
                                "rows in", "rows out", "rejects", "seconds", "fastest", "MB/s",
                                "rows/s");
  for (const auto& r : ctx.reports) {
    const double mbps = r.seconds > 0 && r.megabytes > 0 ? r.megabytes / r.seconds : 0.0;
    const double rps = r.seconds > 0 ? static_cast<double>(r.rows_in) / r.seconds : 0.0;
    out += fmt::format("{:<10} {:>12} {:>12} {:>10} {:>9.2f} {:>9.2f} {:>9.1f} {:>12.0f}\n",
                       r.stage, r.rows_in, r.rows_out, r.rejects, r.seconds, r.min_seconds, mbps,
                       rps);
  }
  return out;
}

}  // namespace adlake
