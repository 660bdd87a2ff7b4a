#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/forest/binning.hpp"

using namespace adlake::forest;

TEST_CASE("few distinct values: one bin each, edges are the values") {
  const std::vector<double> v{3, 1, 2, 2, 1, 3, 3};
  const FeatureBinning b = fit_numeric_binning("x", v);
  CHECK(b.edges == std::vector<double>{1, 2, 3});
  CHECK(b.bin_of(1) == 0);
  CHECK(b.bin_of(2) == 1);
  CHECK(b.bin_of(1.5) == 1);  // between edges: the bin whose edge is above
  CHECK(b.bin_of(-5) == 0);
  CHECK(b.bin_of(99) == 2);  // above the last edge: the last bin
}

TEST_CASE("bin_of is the first edge at or above the value, the last bin above them all") {
  // Every edge count from 1 to 255, edges with and without repeats, values on,
  // between and beyond the edges, and -0 against a 0 edge.
  size_t differ = 0;
  for (size_t n = 1; n <= 255; ++n) {
    FeatureBinning b;
    for (size_t k = 0; k < n; ++k) b.edges.push_back(static_cast<double>(k / (n % 3 + 1)) - 20);
    for (double v = -23; v <= 110; v += 0.5) {
      for (const double value : {v, v == 0 ? -0.0 : v}) {
        const auto at = std::lower_bound(b.edges.begin(), b.edges.end(), value) - b.edges.begin();
        const auto expect = std::min<size_t>(static_cast<size_t>(at), n - 1);
        differ += b.bin_of(value) != expect;
      }
    }
  }
  CHECK(differ == 0);
}

TEST_CASE("many distinct values: at most 255 bins of near equal population") {
  std::vector<double> v;
  for (int i = 0; i < 100000; ++i) v.push_back(std::sin(i * 0.37) * 1000 + i * 1e-3);
  const FeatureBinning b = fit_numeric_binning("x", v);
  REQUIRE(b.n_bins() == 255);
  std::vector<int> count(256, 0);
  for (double x : v) ++count[b.bin_of(x)];
  for (int k = 0; k < b.n_bins(); ++k) {
    CHECK(count[k] >= 100000 / 255 - 1);
    CHECK(count[k] <= 100000 / 255 + 1);
  }
}

TEST_CASE("a heavy value takes one bin, the rest still splits by quantiles") {
  std::vector<double> v(5000, -1.0);  // like age -1 (missing) for half the rows
  for (int i = 0; i < 5000; ++i) v.push_back(i);
  const FeatureBinning b = fit_numeric_binning("age", v, 10);
  CHECK(b.edges.front() == -1.0);
  CHECK(b.bin_of(-1) == 0);
  CHECK(b.bin_of(0) == 1);
  CHECK(b.n_bins() == 6);  // -1 fills five of the ten quantiles
}

TEST_CASE("bad numeric input") {
  CHECK_THROWS_AS(fit_numeric_binning("x", std::vector<double>{1, NAN}), adlake::DataError);
  CHECK_THROWS_AS(fit_numeric_binning("x", std::vector<double>{}), adlake::DataError);
  CHECK_THROWS_AS(categorical_binning("c", std::vector<std::string>(256, "a")), adlake::DataError);
}

TEST_CASE("bin_features: row-major bins; categories matched by name, unknown ones apart") {
  RawFeature num{"n", FeatureKind::Numeric, {1.0, 5.0, 3.0}, {}, {}};
  RawFeature cat{"c", FeatureKind::Categorical, {}, {0, 1, 2}, {"a", "b", "c"}};
  const auto binnings = fit_binnings({num, cat});
  const BinnedMatrix m = bin_features({num, cat}, binnings);
  REQUIRE(m.rows == 3);
  REQUIRE(m.features == 2);
  CHECK(m.at(0, 0) == 0);
  CHECK(m.at(1, 0) == 2);
  CHECK(m.at(2, 0) == 1);
  CHECK(m.at(1, 1) == 1);
  // Another table lists the labels in another order and has one unseen label.
  RawFeature other{"c", FeatureKind::Categorical, {}, {0, 1, 2}, {"c", "zzz", "a"}};
  RawFeature num2{"n", FeatureKind::Numeric, {2.0, 2.0, 2.0}, {}, {}};
  const BinnedMatrix m2 = bin_features({num2, other}, binnings);
  CHECK(m2.at(0, 1) == 2);    // "c"
  CHECK(m2.at(1, 1) == 255);  // unknown
  CHECK(m2.at(2, 1) == 0);    // "a"
  CHECK_THROWS_AS(bin_features({other, num2}, binnings), adlake::DataError);
}
