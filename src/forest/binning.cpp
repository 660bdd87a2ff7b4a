#include "adlake/forest/binning.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "adlake/core/error.hpp"

namespace adlake::forest {

namespace {
// Bin of a category the binning has not seen: categories use codes 0..254, so
// 255 is free, and no split's left set ever contains it.
constexpr uint8_t kUnknownCategoryBin = 255;
}  // namespace

uint8_t FeatureBinning::bin_of(double value) const {
  // std::lower_bound without a branch per step (each compare of a value with
  // an edge is a coin flip, mispredicted half the time): halve the range,
  // moving its start by a conditional add, then one last compare.
  if (edges.empty()) return 0;
  const double* base = edges.data();
  size_t len = edges.size();
  while (len > 1) {
    const size_t half = len / 2;
    base += half * static_cast<size_t>(base[half - 1] < value);
    len -= half;
  }
  const size_t b = static_cast<size_t>(base - edges.data()) + (*base < value ? 1 : 0);
  return static_cast<uint8_t>(std::min(b, edges.size() - 1));
}

FeatureBinning fit_numeric_binning(std::string name, std::span<const double> values, int max_bins) {
  if (values.empty()) throw DataError("feature " + name + ": no values to bin");
  if (max_bins < 2 || max_bins > kMaxBins) {
    throw UsageError("max_bins must be in [2, " + std::to_string(kMaxBins) + "]");
  }
  std::vector<double> sorted(values.begin(), values.end());
  for (double v : sorted) {
    if (std::isnan(v)) throw DataError("feature " + name + ": NaN value");
  }
  std::sort(sorted.begin(), sorted.end());
  FeatureBinning b;
  b.name = std::move(name);
  b.kind = FeatureKind::Numeric;
  std::vector<double> distinct;
  std::unique_copy(sorted.begin(), sorted.end(), std::back_inserter(distinct));
  if (distinct.size() <= static_cast<size_t>(max_bins)) {
    b.edges = std::move(distinct);
    return b;
  }
  // Bin k holds ranks [k*n/B, (k+1)*n/B): its upper edge is the value at the
  // last of those ranks. A value repeated across several quantiles gives one edge.
  const size_t n = sorted.size();
  const size_t bins = static_cast<size_t>(max_bins);
  for (size_t k = 0; k < bins; ++k) {
    const double edge = sorted[(k + 1) * n / bins - 1];
    if (b.edges.empty() || edge > b.edges.back()) b.edges.push_back(edge);
  }
  return b;
}

FeatureBinning categorical_binning(std::string name, std::vector<std::string> categories) {
  if (categories.empty() || categories.size() >= kUnknownCategoryBin + 1u) {
    throw DataError("feature " + name + ": " + std::to_string(categories.size()) +
                    " categories; a categorical feature needs 1 to " +
                    std::to_string(kUnknownCategoryBin) + "");
  }
  FeatureBinning b;
  b.name = std::move(name);
  b.kind = FeatureKind::Categorical;
  b.categories = std::move(categories);
  return b;
}

FeatureBinning fit_binning(const RawFeature& c, int max_bins) {
  if (c.kind == FeatureKind::Numeric) return fit_numeric_binning(c.name, c.values, max_bins);
  return categorical_binning(c.name, c.categories);
}

std::vector<FeatureBinning> fit_binnings(const std::vector<RawFeature>& columns, int max_bins) {
  std::vector<FeatureBinning> out;
  out.reserve(columns.size());
  for (const RawFeature& c : columns) out.push_back(fit_binning(c, max_bins));
  return out;
}

namespace {

// Maps the column's category codes to the binning's, by name.
std::vector<uint8_t> category_translation(const RawFeature& c, const FeatureBinning& b) {
  std::unordered_map<std::string, uint8_t> code_of;
  for (size_t i = 0; i < b.categories.size(); ++i)
    code_of[b.categories[i]] = static_cast<uint8_t>(i);
  std::vector<uint8_t> table(256, kUnknownCategoryBin);
  for (size_t i = 0; i < c.categories.size() && i < table.size(); ++i) {
    const auto it = code_of.find(c.categories[i]);
    if (it != code_of.end()) table[i] = it->second;
  }
  return table;
}

}  // namespace

void bin_column(const RawFeature& c, const FeatureBinning& b, size_t f, BinnedMatrix& m) {
  if (c.name != b.name || c.kind != b.kind) {
    throw DataError("feature " + std::to_string(f) + " is " + c.name + ", the model expects " +
                    b.name + " of the same kind");
  }
  if (c.size() != m.rows) {
    throw DataError("feature " + c.name + " has " + std::to_string(c.size()) + " rows, not " +
                    std::to_string(m.rows));
  }
  if (c.kind == FeatureKind::Numeric) {
    for (size_t r = 0; r < m.rows; ++r) {
      if (std::isnan(c.values[r])) throw DataError("feature " + c.name + ": NaN value");
      m.bins[r * m.features + f] = b.bin_of(c.values[r]);
    }
  } else {
    const std::vector<uint8_t> table = category_translation(c, b);
    for (size_t r = 0; r < m.rows; ++r) m.bins[r * m.features + f] = table[c.codes[r]];
  }
}

BinnedMatrix bin_features(const std::vector<RawFeature>& columns,
                          const std::vector<FeatureBinning>& binnings) {
  if (columns.size() != binnings.size()) {
    throw UsageError("bin_features: " + std::to_string(columns.size()) + " columns for " +
                     std::to_string(binnings.size()) + " binned features");
  }
  BinnedMatrix m;
  m.features = columns.size();
  m.rows = columns.empty() ? 0 : columns[0].size();
  m.bins.resize(m.rows * m.features);
  for (size_t f = 0; f < columns.size(); ++f) bin_column(columns[f], binnings[f], f, m);
  return m;
}

}  // namespace adlake::forest
