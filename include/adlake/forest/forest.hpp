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

// Grows the whole forest on data (this process's share of the rows) and
// fits its calibration; collective over the shares' holders. The same forest
// for any split of the rows and any number of threads.
Forest train_forest(const TrainingSet& data, const std::vector<FeatureBinning>& binnings,
                    const ForestParams& params, const ShareSync& sync = {});

// Grows the whole forest in this process.
Forest train_forest(const BinnedMatrix& x, std::span<const uint8_t> labels,
                    const std::vector<FeatureBinning>& binnings, const ForestParams& params);

// Rows are binned with the forest's own binnings; threads share the rows, and
// each row sums its trees in tree order, so the result does not depend on
// the number of threads.
Predictions predict(const Forest& forest, const BinnedMatrix& x);

}  // namespace adlake::forest
