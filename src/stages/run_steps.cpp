#include "adlake/stages/run_steps.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "adlake/core/atomic_file.hpp"
#include "adlake/core/error.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/summary.hpp"

namespace adlake {
namespace fs = std::filesystem;

namespace {

std::string stage_names(const std::vector<RunStep>& steps) {
  std::string out;
  for (const auto& s : steps) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

size_t find_step(const std::vector<RunStep>& steps, const std::string& name, const char* option) {
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].name == name) return i;
  }
  throw UsageError(std::string(option) + " " + name + ": not a stage of run (" +
                   stage_names(steps) + ")");
}

// Temporaries of a layer left by a killed run (core/atomic_file.hpp): nothing
// reads them, and they can be as big as the layer.
void remove_leftover_temps(const std::string& layer) {
  for (const auto& path : remove_stale_temporaries(layer)) {
    spdlog::info("removed {} left by an interrupted run", path);
  }
}

// Rank 0 decides, every rank learns: the reason to rebuild, empty to skip.
std::string agree_reason(const Comm& comm, const RunStep& step,
                         const lineage::Fingerprint& expected, bool force) {
  std::string reason;
  collective_try(comm, [&] {
    if (comm.is_root()) reason = rebuild_reason(step, expected, force);
  });
  broadcast(comm, reason);
  return reason;
}

void check_stamp(const RunStep& step, const lineage::Fingerprint& expected) {
  const auto recorded = lineage::read_fingerprint(step.layer);
  if (!recorded) {
    spdlog::warn("{}: {} has no fingerprint; the next run will rebuild it", step.name, step.layer);
  } else if (recorded->hash != expected.hash) {
    spdlog::warn(
        "{}: {} records fingerprint {} but its inputs give {} ({}); the next run will "
        "rebuild it",
        step.name, step.layer, recorded->hash, expected.hash,
        lineage::explain_change(*recorded, expected));
  }
}

}  // namespace

std::pair<size_t, size_t> select_steps(const std::vector<RunStep>& steps, const RunRange& range) {
  if (steps.empty()) throw UsageError("run has no stages");
  const size_t first = range.from.empty() ? 0 : find_step(steps, range.from, "--from");
  const size_t last = range.to.empty() ? steps.size() - 1 : find_step(steps, range.to, "--to");
  if (first > last) {
    throw UsageError("--from " + steps[first].name + " comes after --to " + steps[last].name);
  }
  return {first, last};
}

std::string rebuild_reason(const RunStep& step, const lineage::Fingerprint& expected, bool force) {
  if (force) return "--force";
  std::error_code ec;
  if (!fs::exists(step.layer, ec)) return step.layer + " does not exist";
  for (const auto& out : step.outputs) {
    if (!fs::exists(out, ec)) return out + " does not exist";
    if (fs::last_write_time(out, ec) < fs::last_write_time(step.layer, ec)) {
      return out + " is older than " + step.layer + " (an interrupted run)";
    }
  }
  const auto recorded = lineage::read_fingerprint(step.layer);
  if (!recorded) return step.layer + " has no fingerprint (made by an older adlake or by hand)";
  if (recorded->hash != expected.hash) {
    return step.layer + " is stale: " + lineage::explain_change(*recorded, expected);
  }
  return {};
}

void run_steps(Context& ctx, const std::vector<RunStep>& steps, const RunRange& range) {
  const auto [first, last] = select_steps(steps, range);
  if (ctx.is_root()) {
    std::string chosen;
    for (size_t i = first; i <= last; ++i) chosen += (i == first ? "" : " -> ") + steps[i].name;
    spdlog::info("run: {}{}", chosen, range.force ? " (--force: rebuilding each)" : "");
  }
  for (size_t i = first; i <= last; ++i) {
    const RunStep& step = steps[i];
    const auto expected = lineage::agree_fingerprint(step.spec, ctx.comm);
    const std::string reason = agree_reason(ctx.comm, step, expected, range.force);
    if (reason.empty()) {
      if (ctx.is_root()) {
        spdlog::info("{}: up to date, skipped ({} has fingerprint {}, the same inputs and options)",
                     step.name, step.layer, expected.hash);
      }
      StageReport skipped;
      skipped.stage = step.name;
      skipped.note = "skipped: up to date";
      ctx.reports.push_back(skipped);
      continue;
    }
    if (ctx.is_root()) {
      spdlog::info("{}: building ({})", step.name, reason);
      remove_leftover_temps(step.layer);
    }
    const size_t reports_before = ctx.reports.size();
    Stopwatch watch;
    step.run(ctx);
    if (ctx.reports.size() == reports_before) {
      // The stage kept no report of its own: still show its time.
      StageReport report;
      report.stage = step.name;
      record_stage(ctx, report, watch.seconds());
    }
    collective_try(ctx.comm, [&] {
      if (ctx.is_root()) check_stamp(step, expected);
    });
  }
}

}  // namespace adlake
