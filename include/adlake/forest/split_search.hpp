#pragma once
// The best split of one feature from a node's histogram, by the class-weighted
// Gini impurity decrease.
#include <cstdint>

#include "adlake/forest/binning.hpp"
#include "adlake/forest/histogram.hpp"
#include "adlake/forest/tree.hpp"

namespace adlake::forest {

struct ClassWeights {
  double neg = 1.0, pos = 1.0;
};

struct SplitRule {
  double min_gain = 0;    // a split must decrease impurity by more than this
  uint32_t min_leaf = 1;  // draws on each side
  // Multiple of a split's chance gain subtracted from its gain (ForestParams::split_penalty).
  double chance_penalty = 0;
};

struct Split {
  int32_t feature = -1;  // -1: no valid split
  double gain = 0;       // weighted impurity decrease, as in scikit-learn's importances
  double merit = 0;      // gain minus the penalised chance gain: what features compete on
  bool categorical = false;
  uint8_t threshold = 0;   // numeric: bin <= threshold goes left
  CategorySet left_set{};  // categorical: categories that go left
};

struct FeatureScan {
  bool constant = true;    // fewer than two non-empty bins in the node
  Split best;              // best.feature == -1 when no split passes the rule
  CategorySet nonempty{};  // bit b set: bin b holds draws (PossibleBins::seen)
};

// Numeric features scan bins in order; categorical ones scan categories
// ordered by their weighted positive rate, which finds the best binary
// partition of categories for two classes (Breiman et al., CART 1984, 9.4).
// The best split's merit is its gain minus rule.chance_penalty times the gain
// a feature unrelated to the label would show by chance (chance_gain); a
// split whose merit is not positive is none.
// The expected gain, under no association with the label, of a split with
// `df` degrees of freedom (categories - 1 of a categorical split, 1 for a
// numeric threshold) at a node with these class counts (draws).
double chance_gain(uint64_t neg, uint64_t pos, const ClassWeights& w, double df);

FeatureScan scan_feature(const Histogram& hist, const HistogramLayout& layout, int32_t feature,
                         FeatureKind kind, const ClassWeights& w, const SplitRule& rule);
// The same on one feature's histogram: bins[2 * bin + label], n_bins bins.
FeatureScan scan_feature(const uint32_t* bins, int n_bins, int32_t feature, FeatureKind kind,
                         const ClassWeights& w, const SplitRule& rule);

}  // namespace adlake::forest
