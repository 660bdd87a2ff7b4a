#include "adlake/forest/forest.hpp"

#include <algorithm>
#include <string>

#include "adlake/core/error.hpp"

namespace adlake::forest {

TrainingSet make_training_set(std::vector<std::vector<uint8_t>> columns,
                              std::vector<uint8_t> labels,
                              const std::vector<FeatureBinning>& binnings, uint64_t first_row,
                              uint64_t total_rows) {
  if (columns.size() != binnings.size()) {
    throw UsageError("training set has " + std::to_string(columns.size()) + " features but " +
                     std::to_string(binnings.size()) + " binnings");
  }
  TrainingSet data;
  data.first_row = first_row;
  data.total_rows = total_rows == 0 ? labels.size() : total_rows;
  for (size_t r = 0; r < labels.size(); ++r) {
    if (labels[r] > 1) throw UsageError("label of row " + std::to_string(r) + " is not 0 or 1");
  }
  for (size_t f = 0; f < columns.size(); ++f) {
    const int n_bins = binnings[f].n_bins();
    data.kinds.push_back(binnings[f].kind);
    data.n_bins.push_back(n_bins);
    if (columns[f].size() != labels.size()) {
      throw UsageError("training set has " + std::to_string(labels.size()) + " labels but " +
                       std::to_string(columns[f].size()) + " rows of feature " + binnings[f].name);
    }
    for (size_t r = 0; r < labels.size(); ++r) {
      if (columns[f][r] >= n_bins) {
        throw UsageError("row " + std::to_string(r) + " of feature " + binnings[f].name +
                         " has bin " + std::to_string(columns[f][r]) + ", beyond its " +
                         std::to_string(n_bins) + " bins");
      }
    }
  }
  data.columns = std::move(columns);
  data.labels = std::move(labels);
  return data;
}

TrainingSet make_training_set(const BinnedMatrix& x, std::span<const uint8_t> labels,
                              const std::vector<FeatureBinning>& binnings, uint64_t first_row,
                              uint64_t total_rows) {
  if (labels.size() != x.rows) {
    throw UsageError("training set has " + std::to_string(x.rows) + " rows but " +
                     std::to_string(labels.size()) + " labels");
  }
  std::vector<std::vector<uint8_t>> columns(x.features, std::vector<uint8_t>(x.rows));
  for (size_t r = 0; r < x.rows; ++r) {
    for (size_t f = 0; f < x.features; ++f) columns[f][r] = x.at(r, f);
  }
  return make_training_set(std::move(columns), {labels.begin(), labels.end()}, binnings, first_row,
                           total_rows);
}

std::vector<Tree> grow_trees(const TrainingSet& data, const ForestParams& params,
                             const ClassWeights& weights, std::span<const uint64_t> tree_indices,
                             const CountReducer& reduce, size_t batch, size_t histogram_bytes) {
  std::vector<Tree> trees;
  trees.reserve(tree_indices.size());
  const auto keep = [&](std::vector<Tree>& grown, size_t) {
    for (Tree& t : grown) trees.push_back(std::move(t));
  };
  grow_tree_batches(data, params, weights, tree_indices, reduce, keep, batch, histogram_bytes);
  return trees;
}

Forest train_forest_in_batches(const TrainingSet& data, const std::vector<FeatureBinning>& binnings,
                               const ForestParams& params, const ShareSync& sync,
                               const TreeBatchUse& use) {
  params.validate();
  Forest forest;
  forest.params = params;
  forest.binnings = binnings;
  const auto pos =
      static_cast<uint32_t>(std::count(data.labels.begin(), data.labels.end(), uint8_t{1}));
  std::vector<uint32_t> classes{static_cast<uint32_t>(data.rows()) - pos, pos};
  sync.sum_counts(classes);
  forest.weights = class_weights(classes[0], classes[1], params.class_weight);
  std::vector<uint64_t> indices(params.n_estimators);
  for (size_t t = 0; t < indices.size(); ++t) indices[t] = t;
  OobPctrSums oob(data, params, calibration_rows(data));
  const auto each_batch = [&](std::vector<Tree>& batch, size_t first) {
    oob.add(batch, std::span<const uint64_t>(indices).subspan(first, batch.size()));
    use(batch, first);
  };
  grow_tree_batches(data, params, forest.weights, indices, sync.sum_counts, each_batch);
  const OobSample all = sync.gather_oob(oob.sample());
  forest.calibration = fit_platt(all.probs, all.labels);
  return forest;
}

Forest train_forest(const TrainingSet& data, const std::vector<FeatureBinning>& binnings,
                    const ForestParams& params, const ShareSync& sync) {
  std::vector<Tree> trees;
  trees.reserve(static_cast<size_t>(std::max(params.n_estimators, 0)));
  Forest forest =
      train_forest_in_batches(data, binnings, params, sync, [&](std::vector<Tree>& batch, size_t) {
        for (Tree& t : batch) trees.push_back(std::move(t));
      });
  forest.trees = std::move(trees);
  return forest;
}

Forest train_forest(const BinnedMatrix& x, std::span<const uint8_t> labels,
                    const std::vector<FeatureBinning>& binnings, const ForestParams& params) {
  return train_forest(make_training_set(x, labels, binnings), binnings, params);
}

}  // namespace adlake::forest
