#pragma once
// Training and evaluating the click model (CONTRACT 4): a random forest for
// is_click on the train split of LAKE/gold.h5 /features, evaluated on the
// test split. The stage (stages/train.hpp) writes what this returns.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adlake/core/timer.hpp"
#include "adlake/forest/forest.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/forest/params.hpp"
#include "adlake/lineage/fingerprint.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake::model {

struct TrainOptions {
  std::string lake;   // reads gold.h5, writes model.h5 and metrics.json there
  std::string truth;  // RAW, RAW/_truth or the click_prob folder; empty: from bronze.h5's input
  forest::ForestParams forest;
  std::vector<std::string> categorical_integers;  // empty: default_categorical_integers()
  int64_t permutation_rows = 5000;                // test rows for permutation importance (0: none)
  int permutation_repeats = 2;
};

// What model.h5 and metrics.json are made from: gold.h5, the truth folder
// (find_truth_dir; empty when none) and the options that change the model or
// the metrics. model.h5 records it.
lineage::FingerprintSpec train_fingerprint_spec(const TrainOptions& options,
                                                const std::string& truth_dir);

struct TrainedModel {
  // Everything of the forest but its trees, and of them only this rank's
  // block: trees [r n / P, (r + 1) n / P) of the n grown (model.h5 is written
  // by blocks: forest::write_model_block). No rank keeps the whole forest.
  forest::Forest forest;
  size_t n_trees = 0;      // of the whole forest
  nlohmann::json metrics;  // metrics.json without `run`, the same on every rank
  std::vector<double> impurity;
  forest::PermutationImportance permutation;
  uint64_t rows_in = 0;  // train and test rows of every rank
};

// Collective. Every rank reads its share of /features and bins its train and
// test rows (then lets the share go); the ranks grow every tree together,
// summing histograms (forest/distributed.hpp), a batch of trees at a time.
// While every rank holds a batch, each adds it to its own test rows' scores,
// to the permutation sample's and to the impurity sums, and keeps the trees
// of its block. The evaluation figures are computed over the ranks without
// gathering the test rows (eval/distributed_report.hpp).
// The memory bound is the job's --max-memory-per-rank. Same model and
// metrics for any number of ranks and threads. `steps` gets each step's time.
TrainedModel train_and_evaluate(const Context& ctx, const TrainOptions& options, StepTimer& steps);

}  // namespace adlake::model
