#pragma once
// What every stage receives: the communicator, the threads it may use, the
// job-wide record of stage reports for the end-of-job summary, and the memory
// bound per rank.
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/core/timer.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake {

struct Context {
  Comm& comm;
  int threads = 1;  // OpenMP threads per rank
  std::vector<StageReport> reports;
  // Bytes a rank may hold; 0: no bound (mpi/memory_budget.hpp).
  std::uint64_t max_memory_per_rank = 0;
  // comm's traffic and the process's CPU seconds when the last stage was
  // recorded (mpi/summary.hpp): the next stage's start here.
  Traffic traffic_mark{};
  double cpu_mark = 0;

  int rank() const { return comm.rank(); }
  int size() const { return comm.size(); }
  bool is_root() const { return comm.is_root(); }
};

}  // namespace adlake
