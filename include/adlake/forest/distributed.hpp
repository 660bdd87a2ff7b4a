#pragma once
// The forest grown by all ranks together (the overlay on train_forest): each
// rank holds its share of the training rows, every tree grows on all ranks at
// once, and a node's class histograms are summed over the ranks with an
// all-reduce of integer counts (LightGBM's data-parallel learner). Every rank
// ends with every tree; no rank holds more than its share of the rows.
#include <vector>

#include "adlake/forest/forest.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::forest {

// The synchronisation points over comm's ranks, each holding a share.
ShareSync share_sync(const Comm& comm);

// Collective. `data` is this rank's share (first_row and total_rows set, the
// shares in rank order). The result is the same tree for tree as
// train_forest() in one process on the whole set.
Forest train_forest_distributed(const TrainingSet& data,
                                const std::vector<FeatureBinning>& binnings,
                                const ForestParams& params, const Comm& comm);

}  // namespace adlake::forest
