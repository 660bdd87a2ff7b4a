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
};

struct Split {
  int32_t feature = -1;  // -1: no valid split
  double gain = 0;       // weighted impurity decrease, as in scikit-learn's importances
  bool categorical = false;
  uint8_t threshold = 0;   // numeric: bin <= threshold goes left
  CategorySet left_set{};  // categorical: categories that go left
};

struct FeatureScan {
  bool constant = true;  // fewer than two non-empty bins in the node
  Split best;            // best.feature == -1 when no split passes the rule
};

// Numeric features scan bins in order; categorical ones scan categories
// ordered by their weighted positive rate, which finds the best binary
// partition of categories for two classes (Breiman et al., CART 1984, 9.4).
FeatureScan scan_feature(const Histogram& hist, const HistogramLayout& layout, int32_t feature,
                         FeatureKind kind, const ClassWeights& w, const SplitRule& rule);

}  // namespace adlake::forest
