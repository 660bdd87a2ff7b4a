#pragma once
// The end-of-job summary table (rank 0): stage, rows in/out, rejects, seconds,
// throughput, the slowest and fastest rank's time, and the bytes and memory of
// the busiest rank.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "adlake/core/timer.hpp"
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

// Each step's resident peak per rank (StepTimer::Step::peak_memory), in
// step order: which step set a stage's peak, on which rank.
using StepPeaks = std::vector<std::pair<std::string, std::vector<std::uint64_t>>>;

// Collective: gathers every rank's step peaks (every rank ran the same steps).
StepPeaks gather_step_peaks(const Comm& comm, const StepTimer& steps);

// {"read": [bytes per rank], ...} (metrics.json's run record).
nlohmann::json step_peaks_json(const StepPeaks& peaks);

// "train: peak memory MB per rank up to the end of each step: read [...], ..."
std::string format_step_peaks(const std::string& stage, const StepPeaks& peaks);

// Formats ctx.reports as a text table.
std::string format_summary(const Context& ctx);

}  // namespace adlake
