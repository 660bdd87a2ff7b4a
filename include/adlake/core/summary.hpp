#pragma once
// The end-of-job summary table (rank 0): stage, rows in/out, rejects, seconds,
// throughput, and the slowest and fastest rank's time.
#include <string>

#include "adlake/core/context.hpp"

namespace adlake {

// Collective: records a stage's report, with the per-rank time spread, in ctx.
void record_stage(Context& ctx, StageReport report, double local_seconds);

// Formats ctx.reports as a text table.
std::string format_summary(const Context& ctx);

}  // namespace adlake
