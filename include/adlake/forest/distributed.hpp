#pragma once
// The forest grown by all ranks together (the overlay on grow_trees): tree t
// is grown by rank t mod P, OpenMP threads grow a rank's trees side by side,
// and every rank ends with every tree, in tree order.
#include <vector>

#include "adlake/forest/forest.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::forest {

// The tree indices rank `rank` of `size` grows.
std::vector<uint64_t> trees_of_rank(int n_estimators, int rank, int size);

// Collective. Every rank must hold the same training set. The result is the
// same tree for tree as train_forest() in one process.
Forest train_forest_distributed(const TrainingSet& data,
                                const std::vector<FeatureBinning>& binnings,
                                const ForestParams& params, const Comm& comm);

}  // namespace adlake::forest
