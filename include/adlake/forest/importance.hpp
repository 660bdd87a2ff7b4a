#pragma once
// Feature importances of a fitted forest.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/forest/binning.hpp"
#include "adlake/forest/forest.hpp"
#include "adlake/forest/permutation_scorer.hpp"

namespace adlake::forest {

// Mean decrease in (class-weighted) Gini impurity, as scikit-learn's
// feature_importances_: per tree the split gains by feature over the root's
// weight, normalised to sum 1; averaged over the trees that split; normalised.
std::vector<double> impurity_importances(const Forest& forest);

// The same a batch of trees at a time (in tree order, so the sums are the
// same bits), as the forest is grown.
class ImpuritySums {
 public:
  explicit ImpuritySums(size_t n_features);
  void add(std::span<const Tree> trees);  // the next trees of the forest
  std::vector<double> importances() const;

 private:
  std::vector<double> total_;  // per feature, the trees' normalised gains
  size_t used_ = 0;            // trees that split
};

struct PermutationImportance {
  double baseline_auc = 0;
  std::vector<double> mean;  // per feature: mean drop of ROC-AUC when it is shuffled
  std::vector<double> std;   // and its standard deviation over the repeats
};

// Feature `feature`'s column of x shuffled repeat + 1 times in turn, shuffle r
// drawn from (seed, feature * n_repeats + r): what repeat `repeat` scores.
BinnedMatrix shuffled_column(const BinnedMatrix& x, size_t feature, int repeat, int n_repeats,
                             uint64_t seed);

// The AUC drops, against the unshuffled baseline AUC, of the given jobs: job
// j is repeat j % n_repeats of feature j / n_repeats (shuffled_column).
// scorer holds the forest and x. OpenMP threads share the jobs (a job's
// scoring is then serial: a few thousand rows are one or two row blocks).
std::vector<double> permutation_drops(const PermutationScorer& scorer, const BinnedMatrix& x,
                                      std::span<const uint8_t> labels, double baseline_auc,
                                      std::span<const uint64_t> jobs, int n_repeats, uint64_t seed);

// Mean and population standard deviation.
std::pair<double, double> mean_and_std(const std::vector<double>& values);

// Each feature's mean and standard deviation over its repeats, from the
// drops of every job (drops[f * n_repeats + r]).
void summarize_drops(const std::vector<double>& drops, int n_repeats, PermutationImportance& out);

// Shuffles one feature's column at a time (n_repeats times, each shuffle drawn
// from (seed, feature, repeat)) and measures the drop of the score's ROC-AUC,
// as scikit-learn's permutation_importance with scoring="roc_auc".
PermutationImportance permutation_importance(const Forest& forest, const BinnedMatrix& x,
                                             std::span<const uint8_t> labels, int n_repeats,
                                             uint64_t seed);

}  // namespace adlake::forest
