#include "adlake/mpi/summary.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "adlake/core/process_usage.hpp"
#include "adlake/mpi/collectives.hpp"

namespace adlake {
namespace {

// Per-rank lists beyond this many ranks are logged as min, median and max.
constexpr size_t kListedRanks = 32;

double megabytes(std::uint64_t bytes) {
  return static_cast<double>(bytes) / 1e6;
}

std::uint64_t largest(const std::vector<std::uint64_t>& values) {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

// "[a, b, c]", or "min a, median b, max c" beyond kListedRanks values.
std::string per_rank(const std::vector<double>& values, const char* format) {
  const auto show = [&](double v) { return fmt::format(fmt::runtime(format), v); };
  if (values.size() <= kListedRanks) {
    std::string out;
    for (const double v : values) out += (out.empty() ? "" : ", ") + show(v);
    return "[" + out + "]";
  }
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  return "min " + show(sorted.front()) + ", median " + show(sorted[sorted.size() / 2]) + ", max " +
         show(sorted.back());
}

std::string per_rank_mb(const std::vector<std::uint64_t>& bytes, const char* format) {
  std::vector<double> mb;
  for (const auto b : bytes) mb.push_back(megabytes(b));
  return per_rank(mb, format);
}

// A column of the summary: the busiest rank's figure in MB, "-" when not measured.
std::string max_mb(const std::vector<std::uint64_t>& values, const char* format) {
  return values.empty() ? std::string("-")
                        : fmt::format(fmt::runtime(format), megabytes(largest(values)));
}

}  // namespace

StageUsage gather_stage_usage(const Context& ctx) {
  const Traffic stage = ctx.comm.traffic() - ctx.traffic_mark;
  StageUsage usage;
  usage.calls = stage.calls;
  usage.peak_memory = allgather<std::uint64_t>(ctx.comm, peak_memory_bytes());
  usage.sent = allgather<std::uint64_t>(ctx.comm, stage.sent);
  usage.received = allgather<std::uint64_t>(ctx.comm, stage.received);
  usage.cpu_seconds = allgather(ctx.comm, process_cpu_seconds() - ctx.cpu_mark);
  return usage;
}

StepPeaks gather_step_peaks(const Comm& comm, const StepTimer& steps) {
  StepPeaks peaks;
  for (const StepTimer::Step& s : steps.steps()) {
    peaks.emplace_back(s.name, allgather<std::uint64_t>(comm, s.peak_memory));
  }
  return peaks;
}

nlohmann::json step_peaks_json(const StepPeaks& peaks) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, bytes] : peaks) out[name] = bytes;
  return out;
}

std::string format_step_peaks(const std::string& stage, const StepPeaks& peaks) {
  std::string steps;
  for (const auto& [name, bytes] : peaks) {
    steps += (steps.empty() ? "" : ", ") + name + " " + per_rank_mb(bytes, "{:.0f}");
  }
  return stage + ": peak memory MB per rank up to the end of each step: " + steps;
}

void record_stage(Context& ctx, StageReport report, double local_seconds) {
  report.usage = gather_stage_usage(ctx);
  const auto times = allgather(ctx.comm, local_seconds);
  const auto slowest = std::max_element(times.begin(), times.end());
  const auto fastest = std::min_element(times.begin(), times.end());
  report.seconds = *slowest;
  report.min_seconds = *fastest;
  report.slowest_rank = static_cast<int>(slowest - times.begin());
  report.fastest_rank = static_cast<int>(fastest - times.begin());
  if (ctx.is_root()) spdlog::info("{}", format_usage(report.stage, report.usage));
  ctx.reports.push_back(std::move(report));
  // The next stage starts from here: the gathers above are the summary's, not a stage's.
  ctx.traffic_mark = ctx.comm.traffic();
  ctx.cpu_mark = process_cpu_seconds();
  reset_peak_memory();
}

nlohmann::json usage_json(const StageUsage& usage) {
  return {{"mpi_bytes_sent", usage.sent},
          {"mpi_bytes_received", usage.received},
          {"mpi_calls", usage.calls},
          {"peak_memory_bytes", usage.peak_memory},
          {"cpu_seconds", usage.cpu_seconds}};
}

std::string format_usage(const std::string& stage, const StageUsage& usage) {
  return fmt::format(
      "{}: per rank: MPI sent MB {}, received MB {}, peak memory MB {}, CPU s {} ({} MPI calls)",
      stage, per_rank_mb(usage.sent, "{:.2f}"), per_rank_mb(usage.received, "{:.2f}"),
      per_rank_mb(usage.peak_memory, "{:.0f}"), per_rank(usage.cpu_seconds, "{:.2f}"), usage.calls);
}

std::string format_summary(const Context& ctx) {
  std::string out =
      fmt::format("{:<10} {:>12} {:>12} {:>10} {:>14} {:>14} {:>9} {:>12} {:>10} {:>10} {:>9}\n",
                  "stage", "rows in", "rows out", "rejects", "slowest s(rk)", "fastest s(rk)",
                  "MB/s", "rows/s", "MPI MB out", "MPI MB in", "peak MB");
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
        "{:<10} {:>12} {:>12} {:>10} {:>9.2f} ({:>2}) {:>9.2f} ({:>2}) {:>9} {:>12.0f} {:>10} "
        "{:>10} {:>9}\n",
        r.stage, r.rows_in, r.rows_out, r.rejects, r.seconds, r.slowest_rank, r.min_seconds,
        r.fastest_rank, mbps, rps, max_mb(r.usage.sent, "{:.1f}"),
        max_mb(r.usage.received, "{:.1f}"), max_mb(r.usage.peak_memory, "{:.0f}"));
  }
  out += "(MPI MB out/in and peak MB: the busiest rank's, per stage)\n";
  return out;
}

}  // namespace adlake
