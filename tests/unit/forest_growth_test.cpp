// What makes growth cheaper must not change the trees: features known to be
// constant from a node's ancestors, and later rounds that draw ahead.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "adlake/forest/forest.hpp"
#include "adlake/forest/possible_bins.hpp"
#include "adlake/forest/random.hpp"

using namespace adlake::forest;

namespace {

// Rows whose label depends on binary and few-category features, so that deep
// nodes hold many constant features (what asks for another round), drawn
// from the project's own generator so that the data is the same everywhere.
TrainingSet few_bin_data(size_t rows) {
  const std::vector<int> n_bins{2, 2, 3, 4, 2, 5, 60, 2, 3};
  TreeRng rng(11, 3);
  std::vector<std::vector<uint8_t>> columns(n_bins.size(), std::vector<uint8_t>(rows));
  std::vector<uint8_t> labels(rows);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t f = 0; f < n_bins.size(); ++f)
      columns[f][r] = static_cast<uint8_t>(rng.below(static_cast<uint64_t>(n_bins[f])));
    // Features 1 and 7 follow feature 0 in most rows: once a node splits
    // on one of them, the others are often constant below it.
    if (rng.below(10) < 8) columns[1][r] = columns[7][r] = columns[0][r];
    const uint64_t odds = 2 + 6 * columns[0][r] + 3 * (columns[2][r] == 1) + columns[6][r] / 15;
    labels[r] = static_cast<uint8_t>(rng.below(20) < odds);
  }
  std::vector<FeatureBinning> binnings;
  for (size_t f = 0; f < n_bins.size(); ++f) {
    std::vector<std::string> names(static_cast<size_t>(n_bins[f]));
    for (size_t b = 0; b < names.size(); ++b) names[b] = std::to_string(b);
    binnings.push_back(categorical_binning(std::to_string(f), names));
  }
  binnings[6].kind = FeatureKind::Numeric;
  binnings[6].edges.resize(60);
  std::iota(binnings[6].edges.begin(), binnings[6].edges.end(), 0.0);
  binnings[6].categories.clear();
  return make_training_set(std::move(columns), std::move(labels), binnings);
}

// FNV-1a over everything a split choice or a draw changes.
uint64_t digest(const std::vector<Tree>& trees) {
  uint64_t h = 0xcbf29ce484222325ULL;
  auto add = [&](uint64_t v) {
    for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xff)) * 0x100000001b3ULL;
  };
  for (const Tree& t : trees) {
    add(t.size());
    for (size_t i = 0; i < t.size(); ++i) {
      add(static_cast<uint64_t>(t.feature[i]) ^ (uint64_t{t.threshold[i]} << 32));
      add(static_cast<uint64_t>(t.left[i]) ^ (static_cast<uint64_t>(t.right[i]) << 32));
      add(uint64_t{t.n_neg[i]} ^ (uint64_t{t.n_pos[i]} << 32));
    }
    for (const CategorySet& s : t.sets)
      for (const uint64_t w : s) add(w);
  }
  return h;
}

// 8 trees on few-bin data: many constant features deep in the trees; 3
// drawn of 9 per node.
struct FewBinForest {
  TrainingSet data = few_bin_data(20000);
  ForestParams p = params();
  ClassWeights w = weights(data, p);
  std::vector<uint64_t> indices = {0, 1, 2, 3, 4, 5, 6, 7};

  static ForestParams params() {
    ForestParams p;
    p.n_estimators = 8;
    p.min_samples_leaf = 5;
    p.max_features = "3";
    return p;
  }
  static ClassWeights weights(const TrainingSet& data, const ForestParams& p) {
    const auto pos =
        static_cast<uint64_t>(std::accumulate(data.labels.begin(), data.labels.end(), 0));
    return class_weights(data.rows() - pos, pos, p.class_weight);
  }
};

}  // namespace

TEST_CASE("possible bins: a feature is known constant once at most one bin is left") {
  PossibleBins bins({2, 3, 200});
  CHECK_FALSE(bins.constant(0));
  CHECK_FALSE(bins.constant(2));
  // Feature 1's histogram: bin 0 empty, bins 1 and 2 not.
  const uint32_t h1[6] = {0, 0, 3, 0, 0, 1};
  bins.seen(1, h1, 3);
  CHECK_FALSE(bins.constant(1));
  // The left child of a split sending bin 1 left holds bin 1 alone.
  uint8_t goes_left[256] = {};
  goes_left[1] = 1;
  PossibleBins left = bins, right = bins;
  left.split(1, goes_left, true);
  right.split(1, goes_left, false);
  CHECK(left.constant(1));
  CHECK(right.constant(1));  // bin 0 was empty, so bin 2 alone
  CHECK_FALSE(left.constant(2));
  // A numeric threshold: bins 0..129 left; the right child keeps 130..199.
  for (int b = 0; b < 256; ++b) goes_left[b] = b <= 129;
  PossibleBins high = bins;
  high.split(2, goes_left, false);
  CHECK_FALSE(high.constant(2));
  std::vector<uint32_t> h2(400, 0);
  h2[2 * 150 + 1] = 7;  // one non-empty bin at this node
  high.seen(2, h2.data(), 200);
  CHECK(high.constant(2));
  // Nothing seen at an ancestor narrows a feature that was not counted there.
  CHECK_FALSE(high.constant(0));
}

TEST_CASE("growth: the same trees as before known-constant features and draws ahead") {
  const FewBinForest f;
  const std::vector<Tree> trees = grow_trees(f.data, f.p, f.w, f.indices);
  size_t nodes = 0;
  for (const Tree& t : trees) nodes += t.size();
  CHECK(nodes > 1000);
  // The digest of the trees that drawing and counting one round at a time
  // grew (this forest as it was before either saving); a change of any
  // split, count or draw changes it.
  CHECK(digest(trees) == 0xc2e7735d3bfb87beULL);
  // Any batch size gives the same trees.
  CHECK(digest(grow_trees(f.data, f.p, f.w, f.indices, no_reduction, 3)) == digest(trees));
}

TEST_CASE("growth: a level's histograms stay within their byte budget, the trees unchanged") {
  const FewBinForest f;
  // What each reduction is given: the buffer a holder keeps for it.
  struct Sizes {
    size_t calls = 0, largest = 0;
  };
  const auto grow = [&](size_t budget, Sizes& sizes) {
    const CountReducer record = [&sizes](std::vector<uint32_t>& counts) {
      ++sizes.calls;
      sizes.largest = std::max(sizes.largest, counts.capacity() * sizeof(uint32_t));
    };
    return grow_trees(f.data, f.p, f.w, f.indices, record, kTreesAtOnce, budget);
  };
  Sizes whole, parts;
  const std::vector<Tree> unbounded = grow(kHistogramBytes, whole);
  // One search's histograms are at most 664 bytes here (9 features, 83 bins
  // in all, 2 words each), well within the budget.
  constexpr size_t kBudget = 4096;
  const std::vector<Tree> bounded = grow(kBudget, parts);
  CHECK(whole.largest > 8 * kBudget);  // the budget does split levels here
  CHECK(parts.largest <= kBudget);
  CHECK(parts.calls > whole.calls);
  CHECK(digest(bounded) == digest(unbounded));
  CHECK(digest(unbounded) == 0xc2e7735d3bfb87beULL);
}
