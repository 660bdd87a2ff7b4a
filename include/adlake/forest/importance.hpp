#pragma once
// Feature importances of a fitted forest.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/forest/binning.hpp"
#include "adlake/forest/forest.hpp"

namespace adlake::forest {

// Mean decrease in (class-weighted) Gini impurity, as scikit-learn's
// feature_importances_: per tree the split gains by feature over the root's
// weight, normalised to sum 1; averaged over the trees that split; normalised.
std::vector<double> impurity_importances(const Forest& forest);

struct PermutationImportance {
  double baseline_auc = 0;
  std::vector<double> mean;  // per feature: mean drop of ROC-AUC when it is shuffled
  std::vector<double> std;   // and its standard deviation over the repeats
};

// The AUC drops of one feature over n_repeats shuffles (each drawn from
// (seed, feature, repeat)), against the unshuffled baseline AUC.
std::vector<double> permutation_drops(const Forest& forest, const BinnedMatrix& x,
                                      std::span<const uint8_t> labels, double baseline_auc,
                                      size_t feature, int n_repeats, uint64_t seed);

// Mean and population standard deviation.
std::pair<double, double> mean_and_std(const std::vector<double>& values);

// Shuffles one feature's column at a time (n_repeats times, each shuffle drawn
// from (seed, feature, repeat)) and measures the drop of the score's ROC-AUC,
// as scikit-learn's permutation_importance with scoring="roc_auc".
PermutationImportance permutation_importance(const Forest& forest, const BinnedMatrix& x,
                                             std::span<const uint8_t> labels, int n_repeats,
                                             uint64_t seed);

}  // namespace adlake::forest
