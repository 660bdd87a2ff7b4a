#include "adlake/stages/train_memory.hpp"

#include <fstream>
#include <limits>
#include <string>

#include "adlake/core/error.hpp"

namespace adlake {

uint64_t training_bytes_per_rank(uint64_t rows, uint64_t features, uint64_t raw_row_bytes,
                                 int threads) {
  // A packed record is the features, the label and the draws, rounded up to
  // 8 bytes; about 63% of the rows are in a bootstrap sample, but a tree
  // without bootstrap has them all, so count them all.
  const uint64_t record = (features + 2 + 7) / 8 * 8;
  const uint64_t per_thread = rows * (2 * record + 4);
  return rows * (raw_row_bytes + features + 1) + static_cast<uint64_t>(threads) * per_thread;
}

uint64_t memory_budget_per_rank(const Comm& comm, double limit_gb) {
  if (limit_gb > 0) return static_cast<uint64_t>(limit_gb * 1e9);
  MPI_Comm node;
  check_mpi(MPI_Comm_split_type(comm.get(), MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node),
            "MPI_Comm_split_type");
  int local_ranks = 1;
  MPI_Comm_size(node, &local_ranks);
  MPI_Comm_free(&node);
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  uint64_t kb = 0;
  while (meminfo >> key >> kb) {
    if (key == "MemAvailable:") return kb * 1024 / static_cast<uint64_t>(local_ranks);
    meminfo.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return std::numeric_limits<uint64_t>::max();  // unknown: do not refuse
}

}  // namespace adlake
