#include "adlake/stages/report.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>

#include "adlake/core/atomic_file.hpp"
#include "adlake/core/error.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/lineage/catalog.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/memory_budget.hpp"
#include "adlake/mpi/summary.hpp"
#include "adlake/report/memory_estimate.hpp"
#include "adlake/report/page.hpp"

namespace adlake {

namespace fs = std::filesystem;

namespace {

nlohmann::json stage_json(const StageReport& r) {
  nlohmann::json out = {{"stage", r.stage},        {"rows_in", r.rows_in},
                        {"rows_out", r.rows_out},  {"rejects", r.rejects},
                        {"seconds", r.seconds},    {"min_seconds", r.min_seconds},
                        {"megabytes", r.megabytes}};
  out.update(usage_json(r.usage));
  return out;
}

}  // namespace

lineage::FingerprintSpec report_fingerprint_spec(const ReportOptions& options) {
  lineage::FingerprintSpec spec{"report", {}, {}, "", {}};
  for (const auto& layer : lineage::pipeline_layers()) {
    const fs::path path = fs::path(options.lake) / layer;
    if (fs::exists(path)) spec.layers.push_back(path.string());
  }
  spec.files.push_back((fs::path(options.lake) / "metrics.json").string());
  return spec;
}

void run_report(Context& ctx, const ReportOptions& options) {
  Stopwatch watch;
  const fs::path out =
      options.out.empty() ? fs::path(options.lake) / "report.html" : fs::path(options.out);
  const auto fingerprint =
      lineage::agree_fingerprint([&] { return report_fingerprint_spec(options); }, ctx.comm);
  // Only rank 0 reads the lake; the others join the agreements.
  std::optional<report::Lake> lake;
  const std::uint64_t need = collective_try(ctx.comm, [&]() -> std::uint64_t {
    if (!ctx.is_root()) return 0;
    if (!fs::is_directory(options.lake)) {
      throw UsageError("--lake " + options.lake + " is not a folder");
    }
    lake.emplace(options.lake);
    return report::memory_estimate(*lake);
  });
  check_memory(ctx, need, "report: reading " + options.lake,
               "gold's aggregate tables, metrics.json and the page drawn from them, all on rank 0",
               MemoryRemedy::kOneRank);
  size_t bytes = 0;
  collective_try(ctx.comm, [&] {
    if (!ctx.is_root()) return;
    const std::string command = "adlake report --lake " + options.lake +
                                (options.out.empty() ? "" : " --out " + options.out);
    report::PageInfo info{utc_now_iso(), command, nlohmann::json::array()};
    for (const StageReport& r : ctx.reports) {
      if (r.note.empty()) info.stages.push_back(stage_json(r));  // not "skipped: up to date"
    }
    const std::string html = report::render_page(*lake, info);
    write_file_atomically(out.string(), html);
    lineage::write_fingerprint_file(out.string(), fingerprint);
    bytes = html.size();
  });
  StageReport summary;
  summary.stage = "report";
  summary.rows_out = 1;
  summary.megabytes = static_cast<double>(bytes) / 1e6;
  record_stage(ctx, summary, watch.seconds());
  if (ctx.is_root())
    spdlog::info("report: {} ({:.0f} kB)", out.string(), static_cast<double>(bytes) / 1e3);
}

}  // namespace adlake
