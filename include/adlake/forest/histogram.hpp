#pragma once
// Per-node class histograms over the bins of every feature. Counts are
// integers (bootstrap draws per class), so sums are exact, the sibling's
// histogram is the parent's minus the smaller child's, and the result does
// not depend on the order rows are visited in.
#include <cstdint>
#include <vector>

#include "adlake/forest/packed_rows.hpp"

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

// Adds the draws of records [begin, end) into hist, which must be sized
// 2 * total_bins.
void accumulate_histogram(const PackedRows& rows, size_t begin, size_t end,
                          const HistogramLayout& layout, Histogram& hist);

// parent -= child, turning a parent's histogram into the other child's.
void subtract_histogram(Histogram& parent, const Histogram& child);

}  // namespace adlake::forest
