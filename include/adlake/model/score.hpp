#pragma once
// A saved model applied to gold's /features: every row's score and pctr.
#include <cstdint>
#include <string>

#include "adlake/core/table.hpp"
#include "adlake/forest/forest.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake::model {

// Collective. The forest of a model.h5; a missing file is a usage error
// naming `path`.
forest::Forest load_model(const Comm& comm, const std::string& path);

struct ScoredShare {
  Table scores;         // id_md5, split, is_click (when present), score, pctr
  int64_t rows = 0;     // of every rank
  double test_auc = 0;  // of the test split over every rank; NaN without labels
  int64_t test_rows = 0;
};

// Collective. Scores this rank's even share of gold_path's /features, rows
// in table order; the test split's ROC-AUC over the ranks' own rows. Stops
// on every rank, before reading, when the share exceeds the memory bound.
ScoredShare score_features(const Context& ctx, const forest::Forest& model,
                           const std::string& gold_path);

}  // namespace adlake::model
