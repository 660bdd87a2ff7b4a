#pragma once
// A random forest classifier for a binary label, grown on binned features.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/forest/binning.hpp"
#include "adlake/forest/calibration.hpp"
#include "adlake/forest/params.hpp"
#include "adlake/forest/split_search.hpp"
#include "adlake/forest/tree.hpp"
#include "adlake/forest/tree_builder.hpp"

namespace adlake::forest {

struct Forest {
  ForestParams params;
  std::vector<FeatureBinning> binnings;  // per feature, how raw values were binned
  ClassWeights weights;
  std::vector<Tree> trees;       // tree t was grown from (params.seed, t)
  PlattCalibration calibration;  // of the mean leaf pctr, fitted out of bag

  size_t n_features() const { return binnings.size(); }
};

// What a forest predicts for each row.
struct Predictions {
  std::vector<double> score;     // mean class-weighted leaf fraction: for ranking
  std::vector<double> pctr;      // calibrated click probability
  std::vector<double> raw_pctr;  // mean unweighted leaf fraction, before calibration
};

// The training set of a forest: checks that every bin of x is one the binning
// defines and the labels are 0/1 (UsageError otherwise).
TrainingSet make_training_set(const BinnedMatrix& x, std::span<const uint8_t> labels,
                              const std::vector<FeatureBinning>& binnings);

// Grows the trees whose indices are given, OpenMP threads growing trees side by
// side. The result is the same for any number of threads and any split of the
// indices between callers.
std::vector<Tree> grow_trees(const TrainingSet& data, const ForestParams& params,
                             const ClassWeights& weights, std::span<const uint64_t> tree_indices);

// Grows the whole forest in this process.
Forest train_forest(const BinnedMatrix& x, std::span<const uint8_t> labels,
                    const std::vector<FeatureBinning>& binnings, const ForestParams& params);

// Rows are binned with the forest's own binnings; threads share the rows, and
// each row sums its trees in tree order, so the result does not depend on
// the number of threads.
Predictions predict(const Forest& forest, const BinnedMatrix& x);

}  // namespace adlake::forest
