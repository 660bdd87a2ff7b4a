#pragma once
// The bins each feature can still hold in a node, narrowed from the root down
// by what its ancestors showed: the non-empty bins of every histogram counted
// at an ancestor, and the side of each ancestor's split. A feature left with
// at most one possible bin is constant in the node, so growth need not count
// its histogram (nor wait for another round of counting to find that out).
#include <array>
#include <cstdint>
#include <vector>

namespace adlake::forest {

class PossibleBins {
 public:
  PossibleBins() = default;
  // Every bin below n_bins[f] possible for feature f.
  explicit PossibleBins(const std::vector<int>& n_bins);

  // At most one bin possible: the feature is constant in the node.
  bool constant(int32_t feature) const;
  // Keeps the bins of `feature` that are non-empty in this node's histogram
  // of it (hist[2 * bin + label], n_bins bins).
  void seen(int32_t feature, const uint32_t* hist, int n_bins);
  // The same from the non-empty bins (bit b set: bin b holds draws) of a
  // histogram of n_bins bins.
  void seen(int32_t feature, const std::array<uint64_t, 4>& nonempty, int n_bins);
  // Keeps the bins b of `feature` with goes_left[b] == left: the child on
  // that side of a split on the feature.
  void split(int32_t feature, const uint8_t* goes_left, bool left);

 private:
  using Bits = std::array<uint64_t, 4>;
  std::vector<Bits> bits_;  // per feature: bit b set when bin b is possible
};

}  // namespace adlake::forest
