#include "adlake/stages/train.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "adlake/core/atomic_file.hpp"
#include "adlake/core/error.hpp"
#include "adlake/core/memory_budget.hpp"
#include "adlake/core/summary.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/eval/probability_metrics.hpp"
#include "adlake/eval/report.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/forest/distributed.hpp"
#include "adlake/forest/distributed_binning.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/forest/model_io.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/stages/model_features.hpp"
#include "adlake/stages/truth.hpp"

namespace adlake {
namespace {

namespace fs = std::filesystem;
constexpr const char* kSource = "gold.h5:/features";

// This rank's share of the train split, binned with binnings fitted on the
// whole split (forest/distributed_binning.hpp); no rank holds more.
struct TrainingData {
  std::vector<forest::FeatureBinning> binnings;
  forest::TrainingSet set;
  uint64_t positives = 0;  // in the whole split
};

// Bytes per training row of this rank while training: the binned columns and
// label, one raw column while binning (8 bytes), and per tree growing at once
// its in-bag rows (4-byte index and 1-byte tag; at most all rows), plus a
// partition buffer per thread.
uint64_t training_bytes(uint64_t rows, size_t features, int threads) {
  return rows * (features + 1 + 8 + 5 * (forest::kTreesAtOnce + static_cast<uint64_t>(threads)));
}

TrainingData bin_training(const Context& ctx, const Table& local,
                          const std::vector<FeatureSpec>& specs, const std::string& where) {
  const std::vector<uint32_t> mine = rows_of_split(local, "train");
  const auto rows = allreduce_sum<uint64_t>(ctx.comm, mine.size());
  const auto first = exclusive_scan_sum<uint64_t>(ctx.comm, mine.size());
  // The share of gold's features stays loaded while binning and growing.
  check_memory(
      ctx, h5::table_memory_bytes(local) + training_bytes(mine.size(), specs.size(), ctx.threads),
      "train: binning and growing on its share of the train split",
      std::to_string(mine.size()) + " rows x " + std::to_string(specs.size()) + " features, " +
          std::to_string(forest::kTreesAtOnce) + " trees at once");
  collective_try(ctx.comm, [&] {
    if (rows == 0) throw DataError(where + ": the train split has no rows");
  });
  TrainingData d;
  std::vector<std::vector<uint8_t>> columns;
  for (const FeatureSpec& spec : specs) {
    const forest::RawFeature raw =
        collective_try(ctx.comm, [&] { return extract_feature(local, spec, mine); });
    d.binnings.push_back(forest::fit_binning(ctx.comm, raw));
    forest::BinnedMatrix column;  // one feature: its bins are the column
    column.rows = mine.size();
    column.features = 1;
    column.bins.resize(mine.size());
    collective_try(ctx.comm, [&] { forest::bin_column(raw, d.binnings.back(), 0, column); });
    columns.push_back(std::move(column.bins));
  }
  std::vector<uint8_t> labels;
  labels.reserve(mine.size());
  const auto& all_labels = local.values<uint8_t>(kLabelColumn);
  for (uint32_t r : mine) labels.push_back(all_labels[r]);
  collective_try(ctx.comm, [&] {
    for (uint8_t y : labels) {
      if (y > 1) throw DataError(where + ": is_click holds " + std::to_string(y) + ", not 0 or 1");
    }
    d.set =
        forest::make_training_set(std::move(columns), std::move(labels), d.binnings, first, rows);
  });
  d.positives = allreduce_sum<uint64_t>(
      ctx.comm, std::count(d.set.labels.begin(), d.set.labels.end(), uint8_t{1}));
  return d;
}

struct TestScores {
  std::vector<double> score, pctr, raw_pctr;
  std::vector<uint8_t> labels;
  std::vector<std::string> ids;  // only when truth is wanted
};

// Each rank scores its test rows; rank 0 gets them all, in table order.
TestScores score_test(const Context& ctx, const forest::Forest& forest, const Table& local,
                      const std::vector<uint32_t>& test_rows, const forest::BinnedMatrix& xt,
                      bool with_ids) {
  const forest::Predictions p = forest::predict(forest, xt);
  std::vector<uint8_t> labels;
  const auto& all_labels = local.values<uint8_t>(kLabelColumn);
  for (uint32_t r : test_rows) labels.push_back(all_labels[r]);
  TestScores t{gatherv(ctx.comm, p.score),
               gatherv(ctx.comm, p.pctr),
               gatherv(ctx.comm, p.raw_pctr),
               gatherv(ctx.comm, labels),
               {}};
  if (with_ids) {
    const StringColumn& ids = local.strings(kIdColumn);
    std::vector<char> packed;
    for (uint32_t r : test_rows) {
      std::string id(ids.at(r));
      id.resize(32, ' ');
      packed.insert(packed.end(), id.begin(), id.end());
    }
    const std::vector<char> all = gatherv(ctx.comm, packed);
    for (size_t i = 0; i + 32 <= all.size(); i += 32) t.ids.emplace_back(all.data() + i, 32);
  }
  return t;
}

struct Permutation {
  std::vector<double> mean, std;
  int64_t rows = 0;
};

// Repeat r of feature f (job f * repeats + r) is computed by rank job mod P
// on the first permutation_rows test rows (in table order), which every rank
// gathers; every rank's scorer walks all the trees once for those rows.
Permutation permutation_importances(const Context& ctx, const TrainOptions& o,
                                    const forest::Forest& forest, const forest::BinnedMatrix& xt,
                                    const std::vector<uint8_t>& local_labels) {
  Permutation out;
  const size_t nf = forest.n_features();
  if (o.permutation_rows <= 0 || o.permutation_repeats <= 0) return out;
  const auto before = exclusive_scan_sum<int64_t>(ctx.comm, static_cast<int64_t>(xt.rows));
  const int64_t take = std::clamp<int64_t>(o.permutation_rows - before, 0, xt.rows);
  std::vector<uint8_t> bins(xt.bins.begin(), xt.bins.begin() + take * nf);
  std::vector<uint8_t> labels(local_labels.begin(), local_labels.begin() + take);
  forest::BinnedMatrix sample;
  sample.features = nf;
  sample.bins = allgatherv(ctx.comm, bins);
  sample.rows = sample.bins.size() / nf;
  labels = allgatherv(ctx.comm, labels);
  out.rows = static_cast<int64_t>(sample.rows);
  const forest::PermutationScorer scorer(forest, sample);
  const double baseline = eval::roc_auc(scorer.baseline(), labels);
  if (std::isnan(baseline)) return out;
  const int repeats = o.permutation_repeats;
  std::vector<uint64_t> jobs;
  for (uint64_t job = ctx.rank(); job < nf * repeats; job += ctx.size()) jobs.push_back(job);
  const std::vector<double> drops = forest::permutation_drops(scorer, sample, labels, baseline,
                                                              jobs, repeats, forest.params.seed);
  std::vector<double> mine;  // (job, drop) pairs
  for (size_t i = 0; i < jobs.size(); ++i)
    mine.insert(mine.end(), {static_cast<double>(jobs[i]), drops[i]});
  const std::vector<double> all = allgatherv(ctx.comm, mine);
  std::vector<double> every(nf * repeats, 0.0);
  for (size_t i = 0; i + 1 < all.size(); i += 2) every[static_cast<size_t>(all[i])] = all[i + 1];
  forest::PermutationImportance summary;
  forest::summarize_drops(every, repeats, summary);
  out.mean = std::move(summary.mean);
  out.std = std::move(summary.std);
  return out;
}

double rate(const std::vector<uint8_t>& labels) {
  double s = 0;
  for (uint8_t y : labels) s += y;
  return labels.empty() ? 0.0 : s / static_cast<double>(labels.size());
}

// The truth figures (CONTRACT 4: over the test split), or nothing.
nlohmann::json oracle_metrics(const std::string& truth_dir, const TestScores& t, double auc) {
  nlohmann::json j;
  const TruthProbabilities truth = read_truth(truth_dir, t.ids);
  std::vector<double> p, pf;
  std::vector<uint8_t> y;
  for (size_t i = 0; i < t.ids.size(); ++i) {
    if (std::isnan(truth.p_click[i])) continue;
    p.push_back(truth.p_click[i]);
    pf.push_back(truth.p_click_features[i]);
    y.push_back(t.labels[i]);
  }
  j["truth_dir"] = truth_dir;
  j["truth_rows"] = truth.found;
  if (y.empty()) return j;
  j["oracle_auc"] = eval::roc_auc(p, y);
  j["feature_oracle_auc"] = eval::roc_auc(pf, y);
  j["gap_to_feature_oracle"] = j["feature_oracle_auc"].get<double>() - auc;
  return j;
}

void write_metrics_json(const std::string& lake, const nlohmann::json& metrics) {
  write_file_atomically((fs::path(lake) / "metrics.json").string(), metrics.dump(2) + "\n");
}

nlohmann::json importance_json(const std::vector<forest::FeatureBinning>& b,
                               const std::vector<double>& impurity, const Permutation& perm,
                               const TrainOptions& o) {
  nlohmann::json j;
  for (size_t f = 0; f < b.size(); ++f) {
    j["impurity"][b[f].name] = impurity[f];
    if (!perm.mean.empty()) {
      j["permutation"][b[f].name] = {{"mean", perm.mean[f]}, {"std", perm.std[f]}};
    }
  }
  j["permutation_rows"] = perm.rows;
  j["permutation_repeats"] = o.permutation_repeats;
  j["permutation_scoring"] = "roc_auc drop on the test split";
  return j;
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

void run_train(Context& ctx, const TrainOptions& options) {
  const Stopwatch total;
  options.forest.validate();
  const std::string gold = (fs::path(options.lake) / "gold.h5").string();
  const std::string where = gold + ":" + kFeaturesTable;
  nlohmann::json seconds;
  Stopwatch step;
  // Wall and process CPU seconds (all threads) of each step: on a busy
  // machine the wall clock says little. metrics.json gets rank 0's.
  std::clock_t step_cpu = std::clock();
  const auto step_done = [&](const char* name) {
    seconds[name] = step.seconds();
    seconds[std::string(name) + "_cpu_rank0"] =
        static_cast<double>(std::clock() - step_cpu) / CLOCKS_PER_SEC;
    step.restart();
    step_cpu = std::clock();
  };

  const Table local = read_features_share(ctx.comm, gold, nullptr);
  const auto fingerprint = lineage::agree_fingerprint(
      [&] { return train_fingerprint_spec(options, find_truth_dir(options.lake, options.truth)); },
      ctx.comm);
  const std::vector<std::string>& categorical = options.categorical_integers.empty()
                                                    ? default_categorical_integers()
                                                    : options.categorical_integers;
  const std::vector<std::string> columns = read_feature_columns(ctx.comm, gold);
  const std::vector<FeatureSpec> specs =
      collective_try(ctx.comm, [&] { return feature_specs(local, columns, categorical, where); });
  step_done("read");

  TrainingData train = bin_training(ctx, local, specs, where);
  step_done("bin");
  if (ctx.is_root()) {
    spdlog::info(
        "train: {} training rows x {} features binned in {:.2f} s; growing {} trees on "
        "{} rank(s) x {} thread(s)",
        train.set.total_rows, specs.size(), seconds["bin"].get<double>(),
        options.forest.n_estimators, ctx.size(), ctx.threads);
  }

  step.restart();
  const std::clock_t cpu_start = std::clock();
  const forest::Forest model =
      forest::train_forest_distributed(train.set, train.binnings, options.forest, ctx.comm);
  const uint64_t n_train = train.set.total_rows;
  const double train_positive_rate =
      static_cast<double>(train.positives) / static_cast<double>(n_train);
  train = TrainingData{};  // the rest of the stage does not need it
  const double train_seconds = step.seconds();
  // Process CPU time (all threads): on a busy machine the wall clock says little.
  const double grow_cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  seconds["grow_cpu_rank0"] = grow_cpu;
  if (ctx.is_root()) {
    spdlog::info("train: {} trees grown and calibrated in {:.2f} s ({:.2f} s CPU on rank 0)",
                 model.trees.size(), train_seconds, grow_cpu);
  }

  step.restart();
  step_cpu = std::clock();
  std::string truth_dir;
  collective_try(ctx.comm, [&] {
    if (ctx.is_root()) truth_dir = find_truth_dir(options.lake, options.truth);
  });
  broadcast(ctx.comm, truth_dir);
  const std::vector<uint32_t> test_rows = rows_of_split(local, "test");
  const forest::BinnedMatrix xt =
      collective_try(ctx.comm, [&] { return bin_rows(local, model.binnings, test_rows, where); });
  const TestScores test = score_test(ctx, model, local, test_rows, xt, !truth_dir.empty());
  step_done("evaluate");

  std::vector<uint8_t> local_test_labels;
  for (uint32_t r : test_rows) local_test_labels.push_back(local.values<uint8_t>(kLabelColumn)[r]);
  const Permutation perm = permutation_importances(ctx, options, model, xt, local_test_labels);
  const std::vector<double> impurity = forest::impurity_importances(model);
  step_done("importance");

  nlohmann::json metrics;
  collective_try(ctx.comm, [&] {
    if (!ctx.is_root()) return;
    metrics = eval::binary_report(test.score, test.pctr, test.labels);
    metrics["model"] = "adlake random forest";
    metrics["scores"] =
        "roc_auc, pr_auc and thresholds on score (class-weighted leaf rates); "
        "log_loss, brier and calibration on pctr (unweighted leaf rates)";
    metrics["n_train"] = n_train;
    metrics["n_test"] = test.labels.size();
    metrics["train_positive_rate"] = train_positive_rate;
    metrics["test_positive_rate"] = rate(test.labels);
    metrics["uncalibrated_pctr"] = {{"log_loss", eval::log_loss(test.raw_pctr, test.labels)},
                                    {"brier", eval::brier(test.raw_pctr, test.labels)}};
    metrics["calibration"] = {{"method", "platt on out-of-bag pctr"},
                              {"a", model.calibration.a},
                              {"b", model.calibration.b},
                              {"rows", model.calibration.rows}};
    metrics["params"] = forest::to_json(options.forest);
    metrics["class_weights"] = {{"neg", model.weights.neg}, {"pos", model.weights.pos}};
    nlohmann::json features = nlohmann::json::array();
    for (const auto& b : model.binnings) {
      features.push_back(
          {{"name", b.name},
           {"kind", b.kind == forest::FeatureKind::Numeric ? "numeric" : "categorical"},
           {"bins", b.n_bins()}});
    }
    metrics["features"] = features;
    metrics["feature_importances"] = importance_json(model.binnings, impurity, perm, options);
    metrics["train_seconds"] = train_seconds;
    if (!truth_dir.empty()) metrics.update(oracle_metrics(truth_dir, test, metrics["roc_auc"]));
  });
  step_done("metrics");

  {
    h5::LayerFile layer(options.lake, "model.h5", ctx.comm);
    forest::ModelExtras extras;
    extras.metrics = metrics;
    extras.sources = {kSource};
    extras.impurity_importance = impurity;
    extras.permutation_importance = perm.mean;
    extras.permutation_importance_std = perm.std;
    forest::write_model(layer.file(), model, extras, ctx.comm);
    h5::write_run_attributes(layer.file(), ctx.comm, {{"threads", ctx.threads}});
    lineage::write_fingerprint(layer.file(), ctx.comm, fingerprint);
    layer.publish();
  }
  step_done("write");
  // Each rank's MPI bytes and peak memory in train up to here (the summary's
  // figures add the last few messages).
  const StageUsage usage = gather_stage_usage(ctx);
  collective_try(ctx.comm, [&] {
    if (!ctx.is_root()) return;
    metrics["run"] = {{"ranks", ctx.size()}, {"threads", ctx.threads}, {"seconds", seconds}};
    metrics["run"].update(usage_json(usage));
    write_metrics_json(options.lake, metrics);
    spdlog::info(
        "train: test ROC-AUC {:.4f}, PR-AUC {:.4f}, log loss {:.4f}, Brier {:.4f} on {} rows",
        metrics["roc_auc"].get<double>(), metrics["pr_auc"].get<double>(),
        metrics["log_loss"].get<double>(), metrics["brier"].get<double>(), test.labels.size());
    if (metrics.contains("feature_oracle_auc")) {
      spdlog::info("train: feature oracle AUC {:.4f} (gap {:+.4f}), oracle AUC {:.4f}",
                   metrics["feature_oracle_auc"].get<double>(),
                   metrics["gap_to_feature_oracle"].get<double>(),
                   metrics["oracle_auc"].get<double>());
    }
    spdlog::info("train: wrote {} and {}", (fs::path(options.lake) / "model.h5").string(),
                 (fs::path(options.lake) / "metrics.json").string());
  });
  StageReport report;
  report.stage = "train";
  report.rows_in =
      static_cast<long long>(n_train + allreduce_sum<uint64_t>(ctx.comm, test_rows.size()));
  report.rows_out = static_cast<long long>(model.trees.size());
  record_stage(ctx, report, total.seconds());
}

}  // namespace adlake
