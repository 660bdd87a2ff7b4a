#include "adlake/stages/train.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <utility>

#include "adlake/core/atomic_file.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/forest/model_io.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/model/truth.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/summary.hpp"

namespace adlake {
namespace {

namespace fs = std::filesystem;

void write_model_file(Context& ctx, const TrainOptions& options, model::TrainedModel& m,
                      const lineage::Fingerprint& fingerprint) {
  h5::LayerFile layer(options.lake, "model.h5", ctx.comm);
  forest::ModelExtras extras;
  extras.metrics = m.metrics;
  extras.sources = {"gold.h5:/features"};
  extras.impurity_importance = m.impurity;
  extras.permutation_importance = m.permutation.mean;
  extras.permutation_importance_std = m.permutation.std;
  forest::write_model_block(layer.file(), std::move(m.forest), extras, ctx.comm);
  h5::write_run_attributes(layer.file(), ctx.comm, {{"threads", ctx.threads}});
  lineage::write_fingerprint(layer.file(), ctx.comm, fingerprint);
  layer.publish();
}

nlohmann::json seconds_json(const StepTimer& steps) {
  nlohmann::json seconds;
  for (const StepTimer::Step& s : steps.steps()) {
    seconds[s.name] = s.seconds;
    seconds[s.name + "_cpu_rank0"] = s.cpu_seconds;
  }
  return seconds;
}

void log_metrics(const nlohmann::json& metrics, const std::string& lake) {
  spdlog::info(
      "train: test ROC-AUC {:.4f}, PR-AUC {:.4f}, log loss {:.4f}, Brier {:.4f} on {} rows",
      metrics["roc_auc"].get<double>(), metrics["pr_auc"].get<double>(),
      metrics["log_loss"].get<double>(), metrics["brier"].get<double>(),
      metrics["n_test"].get<int64_t>());
  if (metrics.contains("feature_oracle_auc")) {
    spdlog::info("train: feature oracle AUC {:.4f} (gap {:+.4f}), oracle AUC {:.4f}",
                 metrics["feature_oracle_auc"].get<double>(),
                 metrics["gap_to_feature_oracle"].get<double>(),
                 metrics["oracle_auc"].get<double>());
  }
  spdlog::info("train: wrote {} and {}", (fs::path(lake) / "model.h5").string(),
               (fs::path(lake) / "metrics.json").string());
}

}  // namespace

void run_train(Context& ctx, const TrainOptions& options) {
  const Stopwatch total;
  StepTimer steps;
  const auto fingerprint = lineage::agree_fingerprint(
      [&] {
        return train_fingerprint_spec(options, model::find_truth_dir(options.lake, options.truth));
      },
      ctx.comm);
  model::TrainedModel m = model::train_and_evaluate(ctx, options, steps);
  write_model_file(ctx, options, m, fingerprint);
  steps.done("write");
  // Each rank's MPI bytes and peak memory in train up to here (the summary's
  // figures add the last few messages).
  const StageUsage usage = gather_stage_usage(ctx);
  const StepPeaks step_peaks = gather_step_peaks(ctx.comm, steps);
  collective_try(ctx.comm, [&] {
    if (!ctx.is_root()) return;
    spdlog::info("{}", format_step_peaks("train", step_peaks));
    m.metrics["run"] = {{"ranks", ctx.size()},
                        {"threads", ctx.threads},
                        {"seconds", seconds_json(steps)},
                        {"step_peak_memory_bytes", step_peaks_json(step_peaks)}};
    m.metrics["run"].update(usage_json(usage));
    write_file_atomically((fs::path(options.lake) / "metrics.json").string(),
                          m.metrics.dump(2) + "\n");
    log_metrics(m.metrics, options.lake);
  });
  StageReport report;
  report.stage = "train";
  report.rows_in = static_cast<long long>(m.rows_in);
  report.rows_out = static_cast<long long>(m.n_trees);
  record_stage(ctx, report, total.seconds());
}

}  // namespace adlake
