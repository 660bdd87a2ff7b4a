#pragma once
// The score job: a saved model applied to a features table, so the
// model is useful after training: every row gets its score and pctr.
#include <string>

#include "adlake/mpi/context.hpp"

namespace adlake {

struct ScoreOptions {
  std::string lake;   // reads LAKE/gold.h5 /features
  std::string model;  // model.h5 (default LAKE/model.h5)
  std::string out;    // the HDF5 file written: table /scores
};

// Collective. Each rank scores its share of /features and writes it in table
// order: /scores has id_md5, split, is_click (when present), score and pctr.
// Rank 0 logs the test split's ROC-AUC (computed over the ranks) when the
// labels are there.
void run_score(Context& ctx, const ScoreOptions& options);

}  // namespace adlake
