#include "adlake/mpi/error_agreement.hpp"

#include <spdlog/spdlog.h>

#include "adlake/mpi/collectives.hpp"

namespace adlake {
namespace {
unsigned long long agreed_errors = 0;
}

unsigned long long agreed_error_count() {
  return agreed_errors;
}

void agree_on_error(const Comm& comm, const std::string& local_error) {
  if (!local_error.empty()) spdlog::error("{}", local_error);
  const int mine = local_error.empty() ? comm.size() : comm.rank();
  const int first = allreduce_min(comm, mine);
  if (first == comm.size()) return;
  std::string message = comm.rank() == first ? local_error : std::string();
  broadcast(comm, message, first);
  ++agreed_errors;
  start_exit_watchdog();
  throw CollectiveError(message, first);
}

}  // namespace adlake
