#pragma once
// The end-of-job summary table (rank 0): stage, rows in/out, rejects, seconds,
// throughput, the slowest and fastest rank's time, and the bytes and memory of
// the busiest rank.
#include <nlohmann/json.hpp>
#include <string>

#include "adlake/mpi/context.hpp"

namespace adlake {

// Collective: each rank's MPI bytes, peak memory and CPU seconds since the
// last recorded stage.
StageUsage gather_stage_usage(const Context& ctx);

// Collective: records a stage's report, with the per-rank time spread and
// usage, in ctx; rank 0 logs the usage per rank. Starts the next stage's
// traffic and peak memory.
void record_stage(Context& ctx, StageReport report, double local_seconds);

// {"mpi_bytes_sent": [per rank], "mpi_bytes_received": [...],
//  "peak_memory_bytes": [...], "cpu_seconds": [...], "mpi_calls": n}
// (metrics.json, the report).
nlohmann::json usage_json(const StageUsage& usage);

// "silver: per rank: MPI sent MB [...], received MB [...], peak memory MB
// [...], CPU s [...] (n MPI calls)"
std::string format_usage(const std::string& stage, const StageUsage& usage);

// Formats ctx.reports as a text table.
std::string format_summary(const Context& ctx);

}  // namespace adlake
