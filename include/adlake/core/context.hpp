#pragma once
// What every stage receives: the communicator, the threads it may use, and
// the job-wide record of stage reports for the end-of-job summary.
#include <string>
#include <vector>

#include "adlake/core/timer.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake {

struct Context {
  Comm& comm;
  int threads = 1;  // OpenMP threads per rank
  std::vector<StageReport> reports;

  int rank() const { return comm.rank(); }
  int size() const { return comm.size(); }
  bool is_root() const { return comm.is_root(); }
};

}  // namespace adlake
