#include "adlake/forest/distributed.hpp"

#include <algorithm>
#include <climits>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/traffic.hpp"

namespace adlake::forest {

ShareSync share_sync(const Comm& comm) {
  ShareSync sync;
  sync.sum_counts = [&comm](std::vector<uint32_t>& counts) {
    // In rounds: an MPI count is an int.
    constexpr size_t kRound = size_t{1} << 28;
    for (size_t first = 0; first < counts.size(); first += kRound) {
      const size_t n = std::min(kRound, counts.size() - first);
      check_mpi(MPI_Allreduce(MPI_IN_PLACE, counts.data() + first, static_cast<int>(n),
                              MPI_UINT32_T, MPI_SUM, comm.get()),
                "MPI_Allreduce of histograms");
      count_allreduce(comm, n * sizeof(uint32_t));
    }
  };
  // At most 100,000 rows in all (calibration_rows): a small gather.
  sync.gather_oob = [&comm](const OobSample& mine) {
    return OobSample{allgatherv(comm, mine.probs), allgatherv(comm, mine.labels)};
  };
  return sync;
}

Forest train_forest_distributed(const TrainingSet& data,
                                const std::vector<FeatureBinning>& binnings,
                                const ForestParams& params, const Comm& comm) {
  return train_forest(data, binnings, params, share_sync(comm));
}

}  // namespace adlake::forest
