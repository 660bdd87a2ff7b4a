#pragma once
// The train stage (CONTRACT 4; issue 6): a random forest for is_click on the
// train split of LAKE/gold.h5 /features, evaluated on the test split;
// LAKE/model.h5 and LAKE/metrics.json.
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/core/context.hpp"
#include "adlake/forest/params.hpp"
#include "adlake/lineage/fingerprint.hpp"

namespace CLI {
class App;
}

namespace adlake {

struct TrainOptions {
  std::string lake;   // reads gold.h5, writes model.h5 and metrics.json there
  std::string truth;  // RAW, RAW/_truth or the click_prob folder; empty: from bronze.h5's input
  forest::ForestParams forest;
  std::vector<std::string> categorical_integers;  // empty: default_categorical_integers()
  int64_t permutation_rows = 5000;                // test rows for permutation importance (0: none)
  int permutation_repeats = 2;
};

// Collective. Every rank reads its share of /features and bins its share of
// the train split; the ranks grow every tree together, summing histograms
// (forest/distributed.hpp), and every rank gets every tree. The memory bound
// is the job's --max-memory-per-rank (core/memory_budget.hpp). Each rank
// scores its own test rows; rank 0 evaluates and writes metrics.json;
// model.h5 is written collectively and published atomically. Same model and
// metrics for any number of ranks and threads.
void run_train(Context& ctx, const TrainOptions& options);

// The options that tune train (not --lake), for `adlake train` and `adlake run`.
void add_train_options(CLI::App& command, TrainOptions& options);

// What model.h5 and metrics.json are made from (issue 7): gold.h5, the truth
// folder (find_truth_dir; empty when none) and the options that change the
// model or the metrics. model.h5 records it.
lineage::FingerprintSpec train_fingerprint_spec(const TrainOptions& options,
                                                const std::string& truth_dir);

}  // namespace adlake
