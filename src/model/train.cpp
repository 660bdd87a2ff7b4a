#include "adlake/model/train.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "adlake/eval/distributed_report.hpp"
#include "adlake/eval/metrics_document.hpp"
#include "adlake/forest/distributed.hpp"
#include "adlake/forest/permutation_distributed.hpp"
#include "adlake/model/features.hpp"
#include "adlake/model/training_data.hpp"
#include "adlake/model/truth.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::model {

namespace {

namespace fs = std::filesystem;

// The truth folder, found on rank 0 (a --truth without truth is a usage error).
std::string agreed_truth_dir(const Comm& comm, const TrainOptions& options) {
  std::string dir;
  collective_try(comm, [&] {
    if (comm.is_root()) dir = find_truth_dir(options.lake, options.truth);
  });
  broadcast(comm, dir);
  return dir;
}

void describe_model(const forest::Forest& model, const TrainOptions& o, eval::MetricsInputs& in) {
  in.calibration_a = model.calibration.a;
  in.calibration_b = model.calibration.b;
  in.calibration_rows = static_cast<int64_t>(model.calibration.rows);
  in.params = forest::to_json(o.forest);
  in.weight_neg = model.weights.neg;
  in.weight_pos = model.weights.pos;
  for (const auto& b : model.binnings) {
    in.features.push_back(
        {b.name, b.kind == forest::FeatureKind::Numeric ? "numeric" : "categorical", b.n_bins()});
  }
}

// What train takes from each batch of trees while every rank holds it, so
// that no rank keeps the whole forest: the sums of its test rows' scores, of
// the permutation sample's and of the impurity gains (each in tree order:
// the same bits as from the whole forest), and the trees of its block.
struct BatchUses {
  BatchUses(const Comm& comm, const TestRows& rows, const TrainOptions& o)
      : test(rows),
        test_sums(rows.x.rows),
        permutation(comm, rows.x, rows.labels, o.permutation_rows, o.permutation_repeats,
                    o.forest.seed),
        impurity(rows.x.features) {
    const auto n = static_cast<size_t>(o.forest.n_estimators);
    const auto p = static_cast<size_t>(comm.size()), r = static_cast<size_t>(comm.rank());
    begin = r * n / p;
    end = (r + 1) * n / p;
    block.reserve(end - begin);
  }

  void add(std::vector<forest::Tree>& batch, size_t first) {
    test_sums.add(batch, test.x);
    permutation.add(batch);
    impurity.add(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (first + i >= begin && first + i < end) block.push_back(std::move(batch[i]));
    }
  }

  const TestRows& test;
  forest::PredictionSums test_sums;
  forest::PermutationSums permutation;
  forest::ImpuritySums impurity;
  size_t begin = 0, end = 0;        // this rank's block of trees
  std::vector<forest::Tree> block;  // its trees, in tree order
};

// The test split's figures, each over the ranks' own rows.
void evaluate(const Comm& comm, const forest::Predictions& p, const TestRows& test,
              const std::string& truth_dir, eval::MetricsInputs& in) {
  in.test = eval::distributed_binary_figures(comm, p.score, p.pctr, test.labels);
  std::tie(in.uncalibrated_log_loss, in.uncalibrated_brier) =
      eval::distributed_log_loss_brier(comm, p.raw_pctr, test.labels);
  if (!truth_dir.empty()) {
    in.oracle = oracle_metrics(comm, truth_dir, test.ids, test.labels, in.test.roc_auc);
  }
}

// Reads this rank's share of /features and keeps its train and test rows
// binned; the share goes when this returns.
void read_and_bin(const Context& ctx, const TrainOptions& o, bool with_ids, StepTimer& steps,
                  TrainingData& train, TestRows& test) {
  const std::string gold = (fs::path(o.lake) / "gold.h5").string();
  const std::string where = gold + ":" + kFeaturesTable;
  const Table local = read_features_share(ctx, gold, "train");
  const std::vector<std::string> columns = read_feature_columns(ctx.comm, gold);
  const std::vector<FeatureSpec> specs = collective_try(ctx.comm, [&] {
    return feature_specs(
        local, columns,
        o.categorical_integers.empty() ? default_categorical_integers() : o.categorical_integers,
        where);
  });
  steps.done("read");
  train = bin_training(ctx, local, specs, where);
  test = bin_test_rows(ctx.comm, local, train.binnings, with_ids, where);
  const double seconds = steps.done("bin").seconds;
  if (ctx.is_root()) {
    spdlog::info(
        "train: {} training rows x {} features binned in {:.2f} s; growing {} trees on "
        "{} rank(s) x {} thread(s)",
        train.set.total_rows, specs.size(), seconds, o.forest.n_estimators, ctx.size(),
        ctx.threads);
  }
}

}  // namespace

lineage::FingerprintSpec train_fingerprint_spec(const TrainOptions& options,
                                                const std::string& truth_dir) {
  const nlohmann::json params = {{"forest", forest::to_json(options.forest)},
                                 {"categorical_integers", options.categorical_integers},
                                 {"permutation_rows", options.permutation_rows},
                                 {"permutation_repeats", options.permutation_repeats}};
  std::vector<std::string> files;
  if (!truth_dir.empty()) files.push_back(truth_dir);
  return {"train", params, {(fs::path(options.lake) / "gold.h5").string()}, "", files};
}

TrainedModel train_and_evaluate(const Context& ctx, const TrainOptions& o, StepTimer& steps) {
  o.forest.validate();
  const std::string truth_dir = agreed_truth_dir(ctx.comm, o);
  TrainingData train;
  TestRows test;
  read_and_bin(ctx, o, !truth_dir.empty(), steps, train, test);
  TrainedModel out;
  eval::MetricsInputs in;
  BatchUses uses(ctx.comm, test, o);
  out.forest = forest::train_forest_in_batches(
      train.set, train.binnings, o.forest, forest::share_sync(ctx.comm),
      [&](std::vector<forest::Tree>& batch, size_t first) { uses.add(batch, first); });
  out.forest.trees = std::move(uses.block);
  out.n_trees = static_cast<size_t>(o.forest.n_estimators);
  in.n_train = train.set.total_rows;
  in.train_positive_rate = static_cast<double>(train.positives) / static_cast<double>(in.n_train);
  train = TrainingData{};
  const StepTimer::Step& grow = steps.done("grow");
  in.train_seconds = grow.seconds;
  if (ctx.is_root()) {
    spdlog::info(
        "train: {} trees grown, applied to the test rows and calibrated in {:.2f} s ({:.2f} s "
        "CPU on rank 0)",
        out.n_trees, grow.seconds, grow.cpu_seconds);
  }
  evaluate(ctx.comm, std::move(uses.test_sums).finish(out.forest.calibration), test, truth_dir, in);
  steps.done("evaluate");
  const forest::DistributedPermutation perm = uses.permutation.finish(ctx.comm);
  out.permutation = perm.importance;
  out.impurity = uses.impurity.importances();
  steps.done("importance");
  describe_model(out.forest, o, in);
  in.impurity = out.impurity;
  in.permutation_mean = perm.importance.mean;
  in.permutation_std = perm.importance.std;
  in.permutation_rows = perm.rows;
  in.permutation_repeats = o.permutation_repeats;
  out.metrics = eval::metrics_document(in);
  out.rows_in = in.n_train + static_cast<uint64_t>(in.test.rows);
  steps.done("metrics");
  return out;
}

}  // namespace adlake::model
