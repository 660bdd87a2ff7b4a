#include "adlake/forest/histogram.hpp"

namespace adlake::forest {

HistogramLayout::HistogramLayout(const std::vector<int>& bins_per_feature) {
  for (int b : bins_per_feature) {
    offset.push_back(total_bins);
    n_bins.push_back(static_cast<uint16_t>(b));
    total_bins += static_cast<uint32_t>(b);
  }
}

void accumulate_histogram(const PackedRows& rows, size_t begin, size_t end,
                          const HistogramLayout& layout, Histogram& hist) {
  // The hot loop of growing: the records are contiguous, each row's bins adjacent.
  const size_t n_features = rows.features();
  const uint32_t* offset = layout.offset.data();
  uint32_t* h = hist.data();
  for (size_t i = begin; i < end; ++i) {
    const uint8_t* rec = rows.record(i);
    const uint32_t y = rec[n_features];
    const uint32_t c = rec[n_features + 1];
    for (size_t f = 0; f < n_features; ++f) h[2 * (offset[f] + rec[f]) + y] += c;
  }
}

void subtract_histogram(Histogram& parent, const Histogram& child) {
  for (size_t i = 0; i < parent.size(); ++i) parent[i] -= child[i];
}

}  // namespace adlake::forest
