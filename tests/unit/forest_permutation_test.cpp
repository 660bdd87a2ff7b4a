// The cached permutation scorer and the blocked tree walk against
// straightforward recomputations.
#include <doctest/doctest.h>
#include <omp.h>

#include <algorithm>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

#include "adlake/eval/roc.hpp"
#include "adlake/forest/compiled_tree.hpp"
#include "adlake/forest/forest.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/forest/permutation_scorer.hpp"
#include "adlake/forest/random.hpp"
#include "forest_synthetic.hpp"

using namespace adlake::forest;
using adlake::eval::roc_auc;

namespace {

struct Fitted {
  Forest forest;
  BinnedMatrix x;  // rows the forest was not grown on
  std::vector<uint8_t> labels;
};

Fitted fitted(size_t test_rows) {
  const auto train = testing::make_synthetic(4000, 7, 1);
  const auto test = testing::make_synthetic(test_rows, 7, 2);
  const auto binnings = fit_binnings(train.features);
  ForestParams p;
  p.n_estimators = 12;
  p.min_samples_leaf = 10;
  Fitted f;
  f.forest = train_forest(bin_features(train.features, binnings), train.labels, binnings, p);
  f.x = bin_features(test.features, binnings);
  f.labels = test.labels;
  return f;
}

// What permutation importance did before the scorer: shuffle the column in
// place, repeat after repeat, and predict every row with every tree.
std::vector<double> recomputed_drops(const Fitted& f, size_t feature, int n_repeats,
                                     uint64_t seed) {
  const double baseline = roc_auc(predict(f.forest, f.x).score, f.labels);
  BinnedMatrix shuffled = f.x;
  const size_t nf = f.x.features;
  std::vector<double> drops;
  for (int rep = 0; rep < n_repeats; ++rep) {
    TreeRng rng(seed, feature * static_cast<uint64_t>(n_repeats) + rep);
    for (size_t i = f.x.rows; i > 1; --i) {
      const size_t j = rng.below(i);
      std::swap(shuffled.bins[(i - 1) * nf + feature], shuffled.bins[j * nf + feature]);
    }
    drops.push_back(baseline - roc_auc(predict(f.forest, shuffled).score, f.labels));
  }
  return drops;
}

}  // namespace

TEST_CASE("predict equals a row-at-a-time walk of every tree, summed in tree order") {
  // More rows than one block, and a last group smaller than the lanes.
  const Fitted f = fitted(static_cast<size_t>(kRowBlock) + kLanes * 3 + 5);
  const Predictions p = predict(f.forest, f.x);
  const double inv = 1.0 / static_cast<double>(f.forest.trees.size());
  size_t differ = 0;
  for (size_t r = 0; r < f.x.rows; ++r) {
    double score = 0, pctr = 0;
    for (const Tree& t : f.forest.trees) {
      const int32_t leaf = t.leaf_of(f.x.row(r));
      score += t.score[leaf];
      pctr += t.pctr[leaf];
    }
    differ += score * inv != p.score[r] || pctr * inv != p.raw_pctr[r];
  }
  CHECK(differ == 0);
}

TEST_CASE("cached permutation importance equals shuffling and predicting every row again") {
  const Fitted f = fitted(700);
  const int repeats = 3;
  const uint64_t seed = 11;
  const PermutationScorer scorer(f.forest, f.x);
  CHECK(scorer.baseline() == predict(f.forest, f.x).score);

  // Every shuffle's scores, bit for bit.
  for (size_t feature : {size_t{0}, size_t{6}, f.x.features - 1}) {
    for (int rep = 0; rep < repeats; ++rep) {
      const BinnedMatrix shuffled = shuffled_column(f.x, feature, rep, repeats, seed);
      CHECK(shuffled.bins != f.x.bins);
      CHECK(scorer.score(shuffled, feature) == predict(f.forest, shuffled).score);
    }
  }

  // The importances, with one thread and with two.
  std::vector<double> mean, std;
  for (size_t feature = 0; feature < f.x.features; ++feature) {
    const auto [m, s] = mean_and_std(recomputed_drops(f, feature, repeats, seed));
    mean.push_back(m);
    std.push_back(s);
  }
  const int threads = omp_get_max_threads();
  for (int t : {1, 2}) {
    omp_set_num_threads(t);
    const PermutationImportance cached =
        permutation_importance(f.forest, f.x, f.labels, repeats, seed);
    CHECK(cached.baseline_auc == roc_auc(predict(f.forest, f.x).score, f.labels));
    CHECK(cached.mean == mean);
    CHECK(cached.std == std);
  }
  omp_set_num_threads(threads);
  // Some feature matters, so the comparison is not between zeros.
  CHECK(*std::max_element(mean.begin(), mean.end()) > 0.01);

  // Any subset of the jobs, in any order (a rank's share), gives the same drops.
  const std::vector<uint64_t> some{7, 2, 30};
  const auto drops = permutation_drops(scorer, f.x, f.labels, roc_auc(scorer.baseline(), f.labels),
                                       some, repeats, seed);
  for (size_t i = 0; i < some.size(); ++i) {
    CHECK(drops[i] == recomputed_drops(f, some[i] / repeats, repeats, seed)[some[i] % repeats]);
  }
}

TEST_CASE("a batch of trees at a time: the same scores, permutation sums and importances") {
  const Fitted f = fitted(static_cast<size_t>(kRowBlock) + 300);
  const std::span<const Tree> trees(f.forest.trees);
  const size_t n = trees.size();
  // Batches of 5, 5 and 2 trees, as train hands them in while growing.
  const std::vector<std::pair<size_t, size_t>> batches{{0, 5}, {5, 5}, {10, n - 10}};
  PredictionSums sums(f.x.rows);
  ImpuritySums impurity(f.x.features);
  const size_t feature = 3;
  const BinnedMatrix shuffled = shuffled_column(f.x, feature, 0, 1, 5);
  std::vector<double> base(f.x.rows, 0.0), moved(f.x.rows, 0.0);
  for (const auto& [first, count] : batches) {
    sums.add(trees.subspan(first, count), f.x);
    impurity.add(trees.subspan(first, count));
    const PermutationScorer batch(trees.subspan(first, count), f.x);
    batch.add_scores(f.x, -1, base);
    batch.add_scores(shuffled, static_cast<int32_t>(feature), moved);
  }
  const Predictions whole = predict(f.forest, f.x);
  const Predictions batched = std::move(sums).finish(f.forest.calibration);
  CHECK(batched.score == whole.score);
  CHECK(batched.raw_pctr == whole.raw_pctr);
  CHECK(batched.pctr == whole.pctr);
  CHECK(impurity.importances() == impurity_importances(f.forest));
  const double inv = 1.0 / static_cast<double>(n);
  for (double& v : base) v *= inv;
  for (double& v : moved) v *= inv;
  const PermutationScorer scorer(f.forest, f.x);
  CHECK(base == scorer.baseline());
  CHECK(moved == scorer.score(shuffled, feature));
  CHECK(moved != base);
}
