#pragma once
// Permutation importance over the ranks: the sample is the first
// `sample_rows` rows of every rank's rows in rank order, and its jobs
// (feature, repeat) are shared out among the ranks.
#include <cstdint>
#include <vector>

#include "adlake/forest/binning.hpp"
#include "adlake/forest/forest.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::forest {

struct DistributedPermutation {
  PermutationImportance importance;  // mean and std empty when skipped
  int64_t rows = 0;                  // rows of the sample
};

// Collective. Every rank gets the sample (at most sample_rows rows x one
// byte per feature, and the scorer's leaves: 4 bytes per tree and row:
// bounded by sample_rows, not by the data) and walks it once through every
// tree; job j = f * repeats + r goes to rank j mod P and its threads. The
// drops equal permutation_importance() on the sample in one process, bit for
// bit. Skipped when sample_rows or repeats is not positive, or the sample
// holds one class.
DistributedPermutation distributed_permutation_importance(const Comm& comm, const Forest& forest,
                                                          const BinnedMatrix& local,
                                                          const std::vector<uint8_t>& labels,
                                                          int64_t sample_rows, int repeats);

}  // namespace adlake::forest
