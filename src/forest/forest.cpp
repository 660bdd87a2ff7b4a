#include "adlake/forest/forest.hpp"

#include <string>

#include "adlake/core/error.hpp"
#include "adlake/core/parallel_for.hpp"

namespace adlake::forest {

TrainingSet make_training_set(const BinnedMatrix& x, std::span<const uint8_t> labels,
                              const std::vector<FeatureBinning>& binnings) {
  if (x.features != binnings.size()) {
    throw UsageError("training set has " + std::to_string(x.features) + " features but " +
                     std::to_string(binnings.size()) + " binnings");
  }
  if (labels.size() != x.rows) {
    throw UsageError("training set has " + std::to_string(x.rows) + " rows but " +
                     std::to_string(labels.size()) + " labels");
  }
  TrainingSet data{x, labels, {}, {}};
  for (const FeatureBinning& b : binnings) {
    data.kinds.push_back(b.kind);
    data.n_bins.push_back(b.n_bins());
  }
  for (size_t r = 0; r < x.rows; ++r) {
    if (labels[r] > 1) throw UsageError("label of row " + std::to_string(r) + " is not 0 or 1");
    const uint8_t* row = x.row(r);
    for (size_t f = 0; f < x.features; ++f) {
      if (row[f] >= data.n_bins[f]) {
        throw UsageError("row " + std::to_string(r) + " of feature " + binnings[f].name +
                         " has bin " + std::to_string(row[f]) + ", beyond its " +
                         std::to_string(data.n_bins[f]) + " bins");
      }
    }
  }
  return data;
}

std::vector<Tree> grow_trees(const TrainingSet& data, const ForestParams& params,
                             const ClassWeights& weights, std::span<const uint64_t> tree_indices) {
  params.validate();
  std::vector<Tree> trees(tree_indices.size());
  parallel_for_each_index(static_cast<int64_t>(tree_indices.size()), [&](int64_t i) {
    trees[i] = grow_tree(data, params, weights, tree_indices[i]);
  });
  return trees;
}

Forest train_forest(const BinnedMatrix& x, std::span<const uint8_t> labels,
                    const std::vector<FeatureBinning>& binnings, const ForestParams& params) {
  params.validate();
  const TrainingSet data = make_training_set(x, labels, binnings);
  Forest forest;
  forest.params = params;
  forest.binnings = binnings;
  forest.weights = class_weights(labels, params.class_weight);
  std::vector<uint64_t> indices(params.n_estimators);
  for (size_t t = 0; t < indices.size(); ++t) indices[t] = t;
  forest.trees = grow_trees(data, params, forest.weights, indices);
  const std::vector<uint32_t> sample = calibration_rows(x.rows);
  const OobSums oob = oob_pctr_sums(data, params, forest.trees, indices, sample);
  forest.calibration = calibrate_from_oob(oob, labels, sample);
  return forest;
}

}  // namespace adlake::forest
