#include "adlake/stages/train.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "adlake/core/error.hpp"
#include "adlake/core/summary.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/eval/probability_metrics.hpp"
#include "adlake/eval/report.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/forest/distributed.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/forest/model_io.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/stages/model_features.hpp"
#include "adlake/stages/train_memory.hpp"
#include "adlake/stages/truth.hpp"

namespace adlake {
namespace {

namespace fs = std::filesystem;
constexpr const char* kSource = "gold.h5:/features";

struct TrainingData {
  std::vector<forest::FeatureBinning> binnings;
  forest::BinnedMatrix x;
  std::vector<uint8_t> labels;
};

// Bytes per row of the gathered raw columns.
uint64_t raw_row_bytes(const Table& table, const std::vector<FeatureSpec>& specs) {
  uint64_t bytes = 1;  // the label
  for (const FeatureSpec& s : specs) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, EnumColumn>) {
            bytes += 1;
          } else if constexpr (!std::is_same_v<V, StringColumn>) {
            bytes += sizeof(typename V::value_type);
          }
        },
        table.column(s.name).data);
  }
  return bytes;
}

void check_memory(const Context& ctx, const TrainOptions& o, uint64_t rows, size_t features,
                  uint64_t row_bytes) {
  const uint64_t need = training_bytes_per_rank(rows, features, row_bytes, ctx.threads);
  // --memory-limit-gb if given, else the job's --max-memory-per-rank
  // (core/memory_budget.hpp), else this stage's own default.
  const uint64_t budget = o.memory_limit_gb > 0 || ctx.max_memory_per_rank == 0
                              ? memory_budget_per_rank(ctx.comm, o.memory_limit_gb)
                              : ctx.max_memory_per_rank;
  collective_try(ctx.comm, [&] {
    if (need <= budget) return;
    char text[400];
    std::snprintf(text, sizeof text,
                  "train: every rank holds the whole binned training set: %llu rows x %zu "
                  "features with %d thread(s) need %.2f GB per rank, but this rank may use "
                  "%.2f GB; run fewer ranks per node or fewer --threads, or raise "
                  "--memory-limit-gb or --max-memory-per-rank",
                  static_cast<unsigned long long>(rows), features, ctx.threads, need / 1e9,
                  budget / 1e9);
    throw UsageError(text);
  });
}

// Every rank gets the whole train split, in table order, binned.
TrainingData gather_training(const Context& ctx, const TrainOptions& o, const Table& local,
                             const std::vector<FeatureSpec>& specs, const std::string& where) {
  const std::vector<uint32_t> mine = rows_of_split(local, "train");
  const auto rows = allreduce_sum<uint64_t>(ctx.comm, mine.size());
  check_memory(ctx, o, rows, specs.size(), raw_row_bytes(local, specs));
  std::vector<std::string> columns;
  for (const FeatureSpec& s : specs) columns.push_back(s.name);
  columns.push_back(kLabelColumn);
  const Table all = allgather_rows(ctx.comm, local, columns, mine);
  TrainingData d;
  collective_try(ctx.comm, [&] {
    if (rows == 0) throw DataError(where + ": the train split has no rows");
    const std::vector<uint32_t> every = all_rows(all);
    d.x.rows = rows;
    d.x.features = specs.size();
    d.x.bins.resize(rows * specs.size());
    for (size_t f = 0; f < specs.size(); ++f) {
      const forest::RawFeature raw = extract_feature(all, specs[f], every);
      d.binnings.push_back(forest::fit_binning(raw));
      forest::bin_column(raw, d.binnings.back(), f, d.x);
    }
    d.labels = all.values<uint8_t>(kLabelColumn);
    for (uint8_t y : d.labels) {
      if (y > 1) throw DataError(where + ": is_click holds " + std::to_string(y) + ", not 0 or 1");
    }
  });
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
  const fs::path final_path = fs::path(lake) / "metrics.json";
  const fs::path temp = fs::path(lake) / (".metrics.json.tmp-" + std::to_string(getpid()));
  {
    std::ofstream out(temp);
    out << metrics.dump(2) << '\n';
    out.close();  // a full disk shows at the last flush
    if (!out) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      throw IoError("cannot write " + temp.string() + h5::disk_full_hint(temp.string()));
    }
  }
  std::error_code ec;
  fs::rename(temp, final_path, ec);
  if (ec)
    throw IoError("cannot rename " + temp.string() + " to " + final_path.string() + ": " +
                  ec.message());
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

  const TrainingData train = gather_training(ctx, options, local, specs, where);
  step_done("bin");
  if (ctx.is_root()) {
    spdlog::info(
        "train: {} training rows x {} features binned in {:.2f} s; growing {} trees on "
        "{} rank(s) x {} thread(s)",
        train.x.rows, specs.size(), seconds["bin"].get<double>(), options.forest.n_estimators,
        ctx.size(), ctx.threads);
  }

  step.restart();
  const std::clock_t cpu_start = std::clock();
  const forest::TrainingSet set = forest::make_training_set(train.x, train.labels, train.binnings);
  const forest::Forest model =
      forest::train_forest_distributed(set, train.binnings, options.forest, ctx.comm);
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
    metrics["n_train"] = train.x.rows;
    metrics["n_test"] = test.labels.size();
    metrics["train_positive_rate"] = rate(train.labels);
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
  collective_try(ctx.comm, [&] {
    if (!ctx.is_root()) return;
    metrics["run"] = {{"ranks", ctx.size()}, {"threads", ctx.threads}, {"seconds", seconds}};
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
      static_cast<long long>(train.x.rows + allreduce_sum<uint64_t>(ctx.comm, test_rows.size()));
  report.rows_out = static_cast<long long>(model.trees.size());
  record_stage(ctx, report, total.seconds());
}

}  // namespace adlake
