#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "adlake/forest/forest.hpp"
#include "adlake/forest/histogram.hpp"
#include "adlake/forest/in_bag_rows.hpp"
#include "adlake/forest/random.hpp"
#include "adlake/forest/split_search.hpp"

using namespace adlake::forest;

namespace {
// A one-feature histogram from (neg, pos) per bin.
Histogram hist_of(const std::vector<std::pair<uint32_t, uint32_t>>& bins) {
  Histogram h;
  for (auto [n, p] : bins) {
    h.push_back(n);
    h.push_back(p);
  }
  return h;
}
bool in_set(const CategorySet& s, int c) {
  return (s[c >> 6] >> (c & 63)) & 1u;
}
}  // namespace

TEST_CASE("numeric split: the threshold between the low and the high rates") {
  const HistogramLayout layout({4});
  const Histogram h = hist_of({{50, 1}, {40, 2}, {10, 30}, {5, 40}});
  const FeatureScan s = scan_feature(h, layout, 0, FeatureKind::Numeric, {}, {0.0, 1});
  CHECK_FALSE(s.constant);
  REQUIRE(s.best.feature == 0);
  CHECK_FALSE(s.best.categorical);
  CHECK(s.best.threshold == 1);
  CHECK(s.best.gain > 0);
}

TEST_CASE("categorical split groups categories by rate, wherever their codes are") {
  const HistogramLayout layout({5});
  // Codes 0, 2, 4 have high rates, 1 and 3 low: no threshold on codes separates them.
  const Histogram h = hist_of({{10, 30}, {50, 1}, {5, 40}, {40, 2}, {8, 20}});
  const FeatureScan s = scan_feature(h, layout, 0, FeatureKind::Categorical, {}, {0.0, 1});
  REQUIRE(s.best.feature == 0);
  CHECK(s.best.categorical);
  // The left side is the low-rate group.
  CHECK(in_set(s.best.left_set, 1));
  CHECK(in_set(s.best.left_set, 3));
  CHECK_FALSE(in_set(s.best.left_set, 0));
  CHECK_FALSE(in_set(s.best.left_set, 2));
  CHECK_FALSE(in_set(s.best.left_set, 4));
  const FeatureScan numeric = scan_feature(h, layout, 0, FeatureKind::Numeric, {}, {0.0, 1});
  CHECK(s.best.gain > numeric.best.gain);
}

TEST_CASE("min_leaf, constant features and class weights") {
  const HistogramLayout layout({3});
  const Histogram h = hist_of({{2, 3}, {100, 5}, {100, 6}});
  // The best split isolates bin 0 (5 draws); with min_leaf 6 it must not.
  const FeatureScan a = scan_feature(h, layout, 0, FeatureKind::Numeric, {}, {0.0, 1});
  CHECK(a.best.threshold == 0);
  const FeatureScan b = scan_feature(h, layout, 0, FeatureKind::Numeric, {}, {0.0, 6});
  CHECK(b.best.threshold == 1);
  const FeatureScan c = scan_feature(h, layout, 0, FeatureKind::Numeric, {}, {0.0, 110});
  CHECK(c.best.feature == -1);
  CHECK_FALSE(c.constant);
  const FeatureScan d = scan_feature(hist_of({{0, 0}, {7, 3}, {0, 0}}), layout, 0,
                                     FeatureKind::Numeric, {}, {0.0, 1});
  CHECK(d.constant);
  // Weighting positives up raises the gain of separating them.
  const FeatureScan w = scan_feature(h, layout, 0, FeatureKind::Numeric, {1.0, 10.0}, {0.0, 1});
  CHECK(w.best.gain > a.best.gain);
}

TEST_CASE("in-bag rows: histograms of a column, class draws and stable partition") {
  BinnedMatrix x;
  x.rows = 6;
  x.features = 2;
  x.bins = {0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 2, 1};  // (feature 0, feature 1) per row
  const std::vector<uint8_t> labels{1, 0, 0, 1, 1, 0};
  const std::vector<FeatureBinning> binnings{categorical_binning("a", {"x", "y", "z"}),
                                             categorical_binning("b", {"u", "v"})};
  // Rows 100..105 of a larger set: the draws come from the global row index.
  const TrainingSet data = make_training_set(x, labels, binnings, 100, 1000);
  ForestParams p;
  const BootstrapDraws draws(p);
  InBagRows rows(data, draws, 5);
  uint64_t neg = 0, pos = 0;
  size_t in_bag = 0;
  Histogram want(2 * 3, 0);
  for (size_t r = 0; r < 6; ++r) {
    const uint8_t d = draws(5, 100 + r);
    in_bag += d > 0;
    (labels[r] ? pos : neg) += d;
    want[2 * x.at(r, 0) + labels[r]] += d;
  }
  REQUIRE(rows.size() == in_bag);
  CHECK(rows.class_draws(0, rows.size()) == std::pair<uint64_t, uint64_t>{neg, pos});
  Histogram got(2 * 3, 0);
  const uint8_t* column = data.columns[0].data();
  uint32_t* hist = got.data();
  rows.accumulate({&column, 1}, {&hist, 1}, 0, rows.size());
  CHECK(got == want);

  uint8_t goes_left[256] = {};
  goes_left[1] = 1;  // feature 0 bin 1 goes left: rows 2 and 4 when in bag
  const size_t mid = rows.partition(0, rows.size(), data.columns[0].data(), goes_left);
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK((i < mid) == (x.at(rows.row(i), 0) == 1));
    if (i + 1 != mid && i + 1 < rows.size()) CHECK(rows.row(i) < rows.row(i + 1));
  }
}

TEST_CASE("in-bag rows: several features counted in one pass as one at a time") {
  // 7 features: one pass of 4 and one of 3, over a part of the records.
  const size_t n_rows = 3000, n_features = 7;
  TreeRng rng(3, 1);
  std::vector<std::vector<uint8_t>> columns(n_features, std::vector<uint8_t>(n_rows));
  std::vector<uint8_t> labels(n_rows);
  std::vector<FeatureBinning> binnings;
  for (size_t f = 0; f < n_features; ++f) {
    std::vector<std::string> names;
    for (size_t b = 0; b < 2 + 9 * f; ++b) names.push_back(std::to_string(b));
    binnings.push_back(categorical_binning(std::to_string(f), names));
    for (auto& v : columns[f]) v = static_cast<uint8_t>(rng.below(names.size()));
  }
  for (auto& l : labels) l = static_cast<uint8_t>(rng.below(2));
  const TrainingSet data = make_training_set(columns, labels, binnings);
  const InBagRows rows(data, BootstrapDraws(ForestParams{}), 9);
  const size_t begin = 17, end = rows.size() - 5;
  std::vector<Histogram> want(n_features), got(n_features);
  std::vector<const uint8_t*> cols;
  std::vector<uint32_t*> hists;
  for (size_t f = 0; f < n_features; ++f) {
    want[f].assign(2 * binnings[f].n_bins(), 0);
    got[f].assign(2 * binnings[f].n_bins(), 0);
    for (size_t i = begin; i < end; ++i)
      want[f][2 * columns[f][rows.row(i)] + rows.label(i)] += rows.draws(i);
    cols.push_back(data.columns[f].data());
    hists.push_back(got[f].data());
  }
  rows.accumulate(cols, hists, begin, end);
  for (size_t f = 0; f < n_features; ++f) CHECK(got[f] == want[f]);
}

TEST_CASE("TreeRng: a stream per (seed, tree), values in range") {
  TreeRng a(42, 7), b(42, 7), c(42, 8), d(43, 7);
  const uint64_t first = a.next();
  CHECK(first == b.next());
  CHECK(first != c.next());
  CHECK(first != d.next());
  std::vector<int> count(10, 0);
  for (int i = 0; i < 100000; ++i) ++count[a.below(10)];
  for (int k : count) CHECK(k == doctest::Approx(10000).epsilon(0.05));
}

TEST_CASE("split penalty: many unrelated categories lose to one real threshold") {
  // Feature 0: 40 categories whose rates wobble by chance around 10%;
  // feature 1: a numeric threshold with a small real effect.
  std::vector<int> bins_per_feature{40, 2};
  const HistogramLayout layout(bins_per_feature);
  Histogram h;
  TreeRng rng(3, 0);
  uint64_t pos = 0, neg = 0;
  for (int c = 0; c < 40; ++c) {
    uint32_t p = 0;
    for (int i = 0; i < 200; ++i) p += rng.below(10) == 0;
    h.push_back(200 - p);
    h.push_back(p);
    pos += p;
    neg += 200 - p;
  }
  // The same node's draws split 50/50 by feature 1, rates 8.6% and 11.4%.
  const auto left_pos = static_cast<uint32_t>(pos * 43 / 100);
  const auto left = static_cast<uint32_t>((pos + neg) / 2);
  for (uint32_t v :
       {left - left_pos, left_pos,
        static_cast<uint32_t>(neg + pos - left) - static_cast<uint32_t>(pos - left_pos),
        static_cast<uint32_t>(pos - left_pos)})
    h.push_back(v);
  const FeatureScan cat0 = scan_feature(h, layout, 0, FeatureKind::Categorical, {}, {0.0, 1, 0});
  const FeatureScan num0 = scan_feature(h, layout, 1, FeatureKind::Numeric, {}, {0.0, 1, 0});
  // Plain Gini: the chance partition of 40 categories gains more.
  REQUIRE(cat0.best.feature == 0);
  REQUIRE(num0.best.feature == 1);
  CHECK(cat0.best.merit > num0.best.merit);
  CHECK(cat0.best.merit == cat0.best.gain);
  // Penalised: the chance gain of 39 degrees of freedom is taken off, 1 off the threshold.
  const FeatureScan cat1 = scan_feature(h, layout, 0, FeatureKind::Categorical, {}, {0.0, 1, 1});
  const FeatureScan num1 = scan_feature(h, layout, 1, FeatureKind::Numeric, {}, {0.0, 1, 1});
  CHECK(cat1.best.feature == -1);  // nothing left above chance
  REQUIRE(num1.best.feature == 1);
  CHECK(num1.best.gain == num0.best.gain);
  CHECK(num1.best.merit == doctest::Approx(num0.best.gain - chance_gain(neg, pos, {}, 1.0)));
  // Unweighted, the chance gain per degree of freedom is 2 pi (1 - pi).
  CHECK(chance_gain(90, 10, {}, 1.0) == doctest::Approx(2 * 0.1 * 0.9));
  CHECK(chance_gain(90, 10, {}, 3.0) == doctest::Approx(6 * 0.1 * 0.9));
}
