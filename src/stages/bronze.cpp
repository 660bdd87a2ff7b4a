#include "adlake/stages/bronze.hpp"

#include <spdlog/spdlog.h>

#include "adlake/bronze/ingest.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/summary.hpp"

namespace adlake {

namespace {

// The only layer with full IP addresses: never readable by all (CONTRACT 0).
constexpr unsigned kBronzeFileMode = 0640;

void add_to_report(StageReport& report, const bronze::EntitySummary& s) {
  std::int64_t rejects = 0;
  for (auto n : s.rejects) rejects += n;
  report.rows_in += s.rows + rejects + s.blank_lines;
  report.rows_out += s.rows;
  report.rejects += rejects;
  report.megabytes += s.megabytes;
}

}  // namespace

lineage::FingerprintSpec bronze_fingerprint_spec(const BronzeOptions& options) {
  return {"bronze", {{"input", options.input}}, {}, options.input, {}};
}

void run_bronze(Context& ctx, const BronzeOptions& options) {
  const Comm& comm = ctx.comm;
  Stopwatch clock;
  // Taken before reading: an input that changes during the run makes the layer stale.
  const auto fingerprint = lineage::agree_fingerprint(bronze_fingerprint_spec(options), comm);
  // Every input file is listed and checked before any output exists, so a
  // bad input ends the job with nothing written.
  const auto plan = bronze::agree_plan(comm, options.input);
  if (ctx.is_root()) {
    spdlog::info("bronze: {} files, {:.1f} MB from {} on {} rank(s)", plan.file_count(),
                 static_cast<double>(plan.bytes()) / 1e6, options.input, ctx.size());
  }

  const nlohmann::json params = {{"input", options.input}};
  const bronze::IngestOptions ingest{options.read_chunk_bytes, options.progress_seconds};
  h5::LayerFile layer(options.lake, "bronze.h5", comm, kBronzeFileMode);
  std::vector<bronze::EntitySummary> summaries;
  StageReport report{"bronze"};
  for (const auto& input : plan.entities) {
    summaries.push_back(bronze::ingest_entity(ctx, layer.file(), input, ingest, params));
    add_to_report(report, summaries.back());
  }
  bronze::write_files_table(ctx, layer.file(), plan, params);
  h5::write_run_attributes(layer.file(), comm);
  lineage::write_fingerprint(layer.file(), comm, fingerprint);
  layer.publish();
  if (ctx.is_root()) {
    spdlog::info("bronze: wrote {}\n{}", layer.final_path(),
                 bronze::format_summary(summaries, ctx.size()));
  }
  record_stage(ctx, report, clock.seconds());
}

}  // namespace adlake
