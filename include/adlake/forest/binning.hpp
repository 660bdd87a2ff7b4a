#pragma once
// Features binned once before growing: every value becomes a uint8 bin, so
// split search works on small integer histograms (STYLE.md "Hot paths").
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace adlake::forest {

inline constexpr int kMaxBins = 255;

enum class FeatureKind : uint8_t { Numeric, Categorical };

// How one feature's raw values map to bins.
struct FeatureBinning {
  std::string name;
  FeatureKind kind = FeatureKind::Numeric;
  // Numeric: bin b holds the values in (edges[b-1], edges[b]]; values above the
  // last edge fall in the last bin. Each edge is a value seen in training.
  std::vector<double> edges;
  // Categorical: bin c is category code c, named categories[c].
  std::vector<std::string> categories;

  int n_bins() const {
    return static_cast<int>(kind == FeatureKind::Numeric ? edges.size() : categories.size());
  }
  uint8_t bin_of(double value) const;  // numeric only
};

// Edges from exact quantiles: every distinct value gets its own bin when there
// are at most max_bins of them, else the cut points are the values at ranks
// k*n/max_bins of the sorted values. Throws DataError on NaN or empty input.
FeatureBinning fit_numeric_binning(std::string name, std::span<const double> values,
                                   int max_bins = kMaxBins);

// Category codes are the bins; at most 255 categories.
FeatureBinning categorical_binning(std::string name, std::vector<std::string> categories);

// Row-major: the features of one row are adjacent, so building a node's
// histogram reads each of its rows once.
struct BinnedMatrix {
  size_t rows = 0;
  size_t features = 0;
  std::vector<uint8_t> bins;  // rows * features

  const uint8_t* row(size_t r) const { return bins.data() + r * features; }
  uint8_t at(size_t r, size_t f) const { return bins[r * features + f]; }
};

// One raw feature column: numeric values or category codes.
struct RawFeature {
  std::string name;
  FeatureKind kind = FeatureKind::Numeric;
  std::vector<double> values;           // numeric
  std::vector<uint8_t> codes;           // categorical
  std::vector<std::string> categories;  // categorical: the name of each code
  size_t size() const { return kind == FeatureKind::Numeric ? values.size() : codes.size(); }
};

// Fits the binning of one feature on its column.
FeatureBinning fit_binning(const RawFeature& column, int max_bins = kMaxBins);

// Fits the binning of every feature on these columns.
std::vector<FeatureBinning> fit_binnings(const std::vector<RawFeature>& columns,
                                         int max_bins = kMaxBins);

// Bins one column into feature f of m (m.rows rows, m.bins sized already).
void bin_column(const RawFeature& column, const FeatureBinning& binning, size_t f, BinnedMatrix& m);

// Bins the columns with a fitted binning. Categorical columns are matched by
// category name, so a table whose enum lists its labels in another order bins
// the same; a category unknown to the binning gets a bin no split sends left.
BinnedMatrix bin_features(const std::vector<RawFeature>& columns,
                          const std::vector<FeatureBinning>& binnings);

}  // namespace adlake::forest
