#include "adlake/forest/histogram.hpp"

namespace adlake::forest {

HistogramLayout::HistogramLayout(const std::vector<int>& bins_per_feature) {
  for (int b : bins_per_feature) {
    offset.push_back(total_bins);
    n_bins.push_back(static_cast<uint16_t>(b));
    total_bins += static_cast<uint32_t>(b);
  }
}

}  // namespace adlake::forest
