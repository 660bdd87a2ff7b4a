// adlake train and adlake score on a small gold /features table made from the
// synthetic click data: the model equals a forest grown in one process, the
// metrics match it, and the saved model scores the test split to the same AUC.
// Run at 1, 2 and 3 ranks, each compared with the same serial reference.
#include <doctest/doctest.h>
#include <omp.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../unit/forest_synthetic.hpp"
#include "adlake/eval/probability_metrics.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/forest/model_io.hpp"
#include "adlake/forest/random.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/handle.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/model/features.hpp"
#include "adlake/model/train.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/stages/score.hpp"
#include "adlake/stages/train.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
using namespace adlake::model;
namespace fs = std::filesystem;

namespace {

constexpr size_t kRows = 5000;

std::string id_of(size_t i) {
  char text[33];
  std::snprintf(text, sizeof text, "%016zx%016llx", i,
                static_cast<unsigned long long>(forest::mix64(i)));
  return text;
}

// Rows [begin, begin + count) of the gold-like table; row i is test when i % 5 == 0.
Table gold_rows(const forest::testing::SyntheticData& d, size_t begin, size_t count) {
  Table t;
  auto& id = t.add("id_md5", StringColumn{});
  auto& split = t.add("split", EnumColumn{{"train", "test"}, {}});
  auto& click = t.add("is_click", std::vector<uint8_t>{});
  for (size_t i = begin; i < begin + count; ++i) {
    id.push_back(id_of(i));
    split.codes.push_back(i % 5 == 0);
    click.push_back(d.labels[i]);
  }
  // Not in feature_columns: train must leave it alone, or it would learn the label.
  t.add("label_copy",
        std::vector<uint8_t>(d.labels.begin() + static_cast<std::ptrdiff_t>(begin),
                             d.labels.begin() + static_cast<std::ptrdiff_t>(begin + count)));
  for (const forest::RawFeature& f : d.features) {
    const bool small_int =
        f.name == "hour_of_day" || f.name == "day_of_week" || f.name == "is_affinity_match";
    if (small_int) {
      auto& v = t.add(f.name, std::vector<uint8_t>{});
      for (size_t i = begin; i < begin + count; ++i) v.push_back(f.codes[i]);
    } else if (f.kind == forest::FeatureKind::Categorical) {
      auto& e = t.add(f.name, EnumColumn{f.categories, {}});
      for (size_t i = begin; i < begin + count; ++i) e.codes.push_back(f.codes[i]);
    } else if (f.name == "age") {
      auto& v = t.add(f.name, std::vector<int16_t>{});
      for (size_t i = begin; i < begin + count; ++i) v.push_back(static_cast<int16_t>(f.values[i]));
    } else if (f.name == "slot") {
      auto& v = t.add(f.name, std::vector<int8_t>{});
      for (size_t i = begin; i < begin + count; ++i) v.push_back(static_cast<int8_t>(f.values[i]));
    } else if (f.name == "bid_micros") {
      auto& v = t.add(f.name, std::vector<int64_t>{});
      for (size_t i = begin; i < begin + count; ++i) v.push_back(static_cast<int64_t>(f.values[i]));
    } else {
      auto& v = t.add(f.name, std::vector<double>{});
      for (size_t i = begin; i < begin + count; ++i) v.push_back(f.values[i]);
    }
  }
  return t;
}

bool same_tree(const forest::Tree& a, const forest::Tree& b) {
  return a.feature == b.feature && a.threshold == b.threshold && a.category_set == b.category_set &&
         a.sets == b.sets && a.left == b.left && a.right == b.right && a.n_neg == b.n_neg &&
         a.n_pos == b.n_pos && a.score == b.score && a.pctr == b.pctr && a.gain == b.gain;
}

}  // namespace

TEST_CASE("train and score: same forest as one process, metrics and scores agree") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "train");
  const auto data = forest::testing::make_synthetic(kRows, 5, 9);
  {
    const auto [begin, count] = h5::even_share(kRows, comm.rank(), comm.size());
    h5::File file = h5::File::create_parallel(lake + "/gold.h5", comm);
    h5::TableMeta meta;
    meta.stage = "gold";
    h5::write_table(file, "/features", gold_rows(data, begin, count), meta, comm);
    std::vector<std::string> names;
    for (const auto& f : data.features) names.push_back(f.name);
    {
      const h5::Handle group(H5Gopen2(file.id(), "/features", H5P_DEFAULT), "open /features");
      h5::write_attribute(group.id(), "feature_columns", nlohmann::json(names).dump());
    }
    file.close();
  }
  if (comm.is_root()) {
    fs::create_directories(lake + "/raw/_truth/click_prob");
    std::ofstream truth(lake + "/raw/_truth/click_prob/part-00000.csv");
    truth << "id_md5,p_click,p_click_features\n";
    truth.precision(17);
    for (size_t i = 0; i < kRows; ++i)
      truth << id_of(i) << ',' << data.oracle[i] << ',' << data.oracle[i] << '\n';
  }
  comm.barrier();

  Context ctx{comm, 2, {}};
  omp_set_num_threads(2);
  TrainOptions options;
  options.lake = lake;
  options.truth = lake + "/raw";
  options.forest.n_estimators = 8;
  options.forest.min_samples_leaf = 20;
  options.permutation_rows = 400;
  options.permutation_repeats = 1;
  run_train(ctx, options);

  {
    // No rank keeps the whole forest: each keeps the block of trees it wrote.
    StepTimer steps;
    const TrainedModel m = train_and_evaluate(ctx, options, steps);
    const auto n = static_cast<size_t>(options.forest.n_estimators);
    const auto p = static_cast<size_t>(comm.size()), r = static_cast<size_t>(comm.rank());
    const size_t begin = r * n / p, end = (r + 1) * n / p;
    CHECK(m.n_trees == n);
    REQUIRE(m.forest.trees.size() == end - begin);
    if (comm.size() > 1) CHECK(m.forest.trees.size() < n);
    const h5::File model_file = h5::File::open_read(lake + "/model.h5");
    const forest::Forest whole = forest::read_model(model_file);
    REQUIRE(whole.trees.size() == n);
    for (size_t t = begin; t < end; ++t)
      CHECK(same_tree(m.forest.trees[t - begin], whole.trees[t]));
    std::ifstream in(lake + "/metrics.json");
    auto written = nlohmann::json::parse(in);
    written.erase("run");
    written.erase("train_seconds");
    nlohmann::json again = m.metrics;
    again.erase("train_seconds");
    CHECK(again == written);
  }

  ScoreOptions score;
  score.lake = lake;
  score.out = lake + "/scores.h5";
  run_score(ctx, score);

  if (comm.is_root()) {
    // The serial reference, grown with one thread from the whole table.
    const h5::File gold = h5::File::open_read(lake + "/gold.h5");
    const Table all = h5::read_table(gold, "/features", 0, kRows);
    std::vector<std::string> names;
    for (const auto& f : data.features) names.push_back(f.name);
    const auto specs = feature_specs(all, names, default_categorical_integers(), "gold");
    CHECK(specs.size() == data.features.size());
    const auto train_rows = rows_of_split(all, "train");
    const auto test_rows = rows_of_split(all, "test");
    std::vector<forest::FeatureBinning> binnings;
    for (const auto& s : specs)
      binnings.push_back(forest::fit_binning(extract_feature(all, s, train_rows)));
    const forest::BinnedMatrix x = bin_rows(all, binnings, train_rows, "gold");
    std::vector<uint8_t> y, y_test;
    for (uint32_t r : train_rows) y.push_back(all.values<uint8_t>("is_click")[r]);
    for (uint32_t r : test_rows) y_test.push_back(all.values<uint8_t>("is_click")[r]);
    omp_set_num_threads(1);
    const forest::Forest reference = forest::train_forest(x, y, binnings, options.forest);

    const h5::File model_file = h5::File::open_read(lake + "/model.h5");
    const forest::Forest model = forest::read_model(model_file);
    REQUIRE(model.trees.size() == reference.trees.size());
    for (size_t t = 0; t < model.trees.size(); ++t)
      CHECK(same_tree(model.trees[t], reference.trees[t]));

    const auto predicted = forest::predict(reference, bin_rows(all, binnings, test_rows, "gold"));
    const double auc = eval::roc_auc(predicted.score, y_test);
    std::ifstream in(lake + "/metrics.json");
    const auto metrics = nlohmann::json::parse(in);
    CHECK(metrics["roc_auc"].get<double>() == auc);
    CHECK(metrics["log_loss"].get<double>() == eval::log_loss(predicted.pctr, y_test));
    CHECK(metrics["n_train"] == train_rows.size());
    CHECK(metrics["n_test"] == test_rows.size());
    CHECK(metrics["feature_importances"]["impurity"].size() == specs.size());
    CHECK(metrics["feature_importances"]["permutation"].size() == specs.size());
    // Permutation importance of the first permutation_rows test rows, in one process.
    const std::vector<uint32_t> sample(test_rows.begin(),
                                       test_rows.begin() + options.permutation_rows);
    const forest::PermutationImportance serial = forest::permutation_importance(
        reference, bin_rows(all, binnings, sample, "gold"),
        std::vector<uint8_t>(y_test.begin(), y_test.begin() + options.permutation_rows),
        options.permutation_repeats, options.forest.seed);
    for (size_t f = 0; f < specs.size(); ++f) {
      const auto& drop = metrics["feature_importances"]["permutation"][binnings[f].name];
      CHECK(drop["mean"].get<double>() == serial.mean[f]);
    }
    CHECK(metrics["feature_importances"]["impurity"][binnings[0].name].get<double>() ==
          forest::impurity_importances(reference)[0]);
    std::vector<double> oracle;
    for (uint32_t r : test_rows) oracle.push_back(data.oracle[r]);
    CHECK(metrics["feature_oracle_auc"].get<double>() == eval::roc_auc(oracle, y_test));
    CHECK(metrics["truth_rows"] == test_rows.size());
    CHECK(metrics["at_0_5"]["confusion_matrix"].size() == 2);

    const h5::File scores_file = h5::File::open_read(lake + "/scores.h5");
    const Table scores = h5::read_table(scores_file, "/scores", 0, kRows);
    std::vector<double> test_scores;
    for (uint32_t r : test_rows) test_scores.push_back(scores.values<double>("score")[r]);
    CHECK(test_scores == predicted.score);
    CHECK(eval::roc_auc(test_scores, y_test) == auc);
    fs::remove_all(lake);
  }
  comm.barrier();
}
