#include "adlake/stages/score.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "adlake/core/timer.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/model/score.hpp"
#include "adlake/mpi/summary.hpp"

namespace adlake {

namespace fs = std::filesystem;

void run_score(Context& ctx, const ScoreOptions& options) {
  const Stopwatch total;
  const std::string model_path =
      options.model.empty() ? (fs::path(options.lake) / "model.h5").string() : options.model;
  const std::string gold = (fs::path(options.lake) / "gold.h5").string();
  const forest::Forest model = model::load_model(ctx.comm, model_path);
  const model::ScoredShare scored = model::score_features(ctx, model, gold);

  const fs::path out_path = fs::absolute(options.out);
  {
    h5::LayerFile layer(out_path.parent_path().string(), out_path.filename().string(), ctx.comm);
    h5::TableMeta meta;
    meta.stage = "score";
    meta.sources = {"gold.h5:/features", model_path};
    meta.params = {{"model", model_path}};
    meta.description =
        "the model's score (class-weighted, for ranking) and pctr (click "
        "probability) of every row of /features";
    h5::write_table(layer.file(), "/scores", scored.scores, meta, ctx.comm);
    h5::write_run_attributes(layer.file(), ctx.comm, {{"threads", ctx.threads}});
    layer.publish();
  }
  if (ctx.is_root()) {
    // The test split's AUC, to compare with metrics.json.
    if (scored.test_rows > 0) {
      spdlog::info("score: test split ROC-AUC {:.4f} on {} rows", scored.test_auc,
                   scored.test_rows);
    }
    spdlog::info("score: wrote {}:/scores", out_path.string());
  }
  StageReport report;
  report.stage = "score";
  report.rows_in = static_cast<long long>(scored.rows);
  report.rows_out = report.rows_in;
  record_stage(ctx, report, total.seconds());
}

}  // namespace adlake
