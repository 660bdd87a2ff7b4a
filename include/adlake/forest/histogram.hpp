#pragma once
// Per-node class histograms over the bins of features. Counts are integers
// (bootstrap draws per class), so sums are exact and the result does not
// depend on the order rows are visited in, nor on which process counted them.
#include <cstdint>
#include <vector>

namespace adlake::forest {

// Where each feature's bins start in a flat histogram.
struct HistogramLayout {
  std::vector<uint32_t> offset;  // per feature, in bins
  std::vector<uint16_t> n_bins;  // per feature
  uint32_t total_bins = 0;

  explicit HistogramLayout(const std::vector<int>& bins_per_feature);
  HistogramLayout() = default;
};

// counts[2 * bin + label]: draws of class `label` in that bin.
using Histogram = std::vector<uint32_t>;

}  // namespace adlake::forest
