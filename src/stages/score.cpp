#include "adlake/stages/score.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>

#include "adlake/core/error.hpp"
#include "adlake/core/summary.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/forest/model_io.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/stages/model_features.hpp"

namespace adlake {

namespace fs = std::filesystem;

namespace {

forest::Forest load_model(const Comm& comm, const std::string& path) {
  std::optional<h5::File> file;
  file.emplace(
      h5::File::open_layer(path, comm, "run `adlake train` first or name it with --model"));
  forest::Forest model = collective_try(comm, [&] { return forest::read_model(*file); });
  file->close();
  return model;
}

}  // namespace

void run_score(Context& ctx, const ScoreOptions& options) {
  const Stopwatch total;
  const std::string model_path =
      options.model.empty() ? (fs::path(options.lake) / "model.h5").string() : options.model;
  const std::string gold = (fs::path(options.lake) / "gold.h5").string();
  const forest::Forest model = load_model(ctx.comm, model_path);
  const Table local = read_features_share(ctx.comm, gold, nullptr);
  const std::vector<uint32_t> rows = all_rows(local);
  const forest::BinnedMatrix x = collective_try(
      ctx.comm, [&] { return bin_rows(local, model.binnings, rows, gold + ":" + kFeaturesTable); });
  const forest::Predictions p = forest::predict(model, x);

  Table out;
  if (local.has(kIdColumn)) out.add(kIdColumn, local.strings(kIdColumn));
  if (local.has(kSplitColumn)) out.add(kSplitColumn, local.enums(kSplitColumn));
  const bool labelled = local.has(kLabelColumn);
  if (labelled) out.add(kLabelColumn, local.values<uint8_t>(kLabelColumn));
  out.add("score", p.score);
  out.add("pctr", p.pctr);

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
    h5::write_table(layer.file(), "/scores", out, meta, ctx.comm);
    h5::write_run_attributes(layer.file(), ctx.comm, {{"threads", ctx.threads}});
    layer.publish();
  }

  // The test split's AUC, to compare with metrics.json.
  if (labelled && local.has(kSplitColumn)) {
    std::vector<double> scores;
    std::vector<uint8_t> labels;
    for (uint32_t r : rows_of_split(local, "test")) {
      scores.push_back(p.score[r]);
      labels.push_back(local.values<uint8_t>(kLabelColumn)[r]);
    }
    scores = gatherv(ctx.comm, scores);
    labels = gatherv(ctx.comm, labels);
    if (ctx.is_root()) {
      spdlog::info("score: test split ROC-AUC {:.4f} on {} rows", eval::roc_auc(scores, labels),
                   labels.size());
    }
  }
  if (ctx.is_root()) spdlog::info("score: wrote {}:/scores", out_path.string());
  StageReport report;
  report.stage = "score";
  report.rows_in = static_cast<long long>(allreduce_sum<uint64_t>(ctx.comm, local.rows()));
  report.rows_out = report.rows_in;
  record_stage(ctx, report, total.seconds());
}

}  // namespace adlake
