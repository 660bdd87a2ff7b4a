#pragma once
// A random forest classifier for a binary label, grown on binned features.
#include <cstdint>
#include <functional>
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

// The training set of a forest, column by column: checks that every bin of
// x is one the binning defines and the labels are 0/1 (UsageError
// otherwise). x holds rows [first_row, first_row + x.rows) of a set of
// total_rows rows (0: x is the whole set).
TrainingSet make_training_set(const BinnedMatrix& x, std::span<const uint8_t> labels,
                              const std::vector<FeatureBinning>& binnings, uint64_t first_row = 0,
                              uint64_t total_rows = 0);
// The same from columns already binned (one per feature, each labels.size() long).
TrainingSet make_training_set(std::vector<std::vector<uint8_t>> columns,
                              std::vector<uint8_t> labels,
                              const std::vector<FeatureBinning>& binnings, uint64_t first_row = 0,
                              uint64_t total_rows = 0);

// The synchronisation points of growing a forest on shares of the rows
// (forest/distributed.hpp fills them; a process holding the whole set needs
// none).
struct ShareSync {
  CountReducer sum_counts = no_reduction;  // histograms and class counts
  // Every share's out-of-bag sample, concatenated in row order.
  std::function<OobSample(const OobSample&)> gather_oob = [](const OobSample& s) { return s; };
};

// Receives each batch of trees as soon as it is grown, in tree order (the
// batch's first tree is tree `first_tree` of the forest); it may move them.
using TreeBatchUse = std::function<void(std::vector<Tree>& batch, size_t first_tree)>;

// Grows the whole forest on data (this process's share of the rows), handing
// each batch of trees to `use` while every holder of a share has it, and
// fits the calibration on the out-of-bag rows (summed batch by batch).
// Collective over the shares' holders. The result has no trees: `use` keeps
// what it needs. The same trees and calibration for any split of the rows and
// any number of threads.
Forest train_forest_in_batches(const TrainingSet& data, const std::vector<FeatureBinning>& binnings,
                               const ForestParams& params, const ShareSync& sync,
                               const TreeBatchUse& use);

// The same, keeping every tree.
Forest train_forest(const TrainingSet& data, const std::vector<FeatureBinning>& binnings,
                    const ForestParams& params, const ShareSync& sync = {});

// Grows the whole forest in this process.
Forest train_forest(const BinnedMatrix& x, std::span<const uint8_t> labels,
                    const std::vector<FeatureBinning>& binnings, const ForestParams& params);

// Rows are binned with the forest's own binnings; threads share the rows, and
// each row sums its trees in tree order, so the result does not depend on
// the number of threads.
Predictions predict(const Forest& forest, const BinnedMatrix& x);

// predict() a batch of trees at a time: each row's leaf values summed over
// the trees added so far, in tree order (the same sums as predict()'s, bit
// for bit), divided by their count at the end. What train uses to score its
// test rows while the forest is grown, without keeping it.
class PredictionSums {
 public:
  explicit PredictionSums(size_t rows);
  // Adds the next trees of the forest, in tree order, for the rows x.
  void add(std::span<const Tree> trees, const BinnedMatrix& x);
  // The predictions of the forest made of every tree added.
  Predictions finish(const PlattCalibration& calibration) &&;

 private:
  Predictions sums_;  // score and raw_pctr: sums over the trees
  size_t trees_ = 0;
};

}  // namespace adlake::forest
