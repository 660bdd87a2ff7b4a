#pragma once
// A fold that runs through the ranks in rank order: rank r starts from the
// state rank r - 1 ended with. A floating-point sum of values spread over
// the ranks in a known order (table order, a sorted order) then adds the
// same numbers in the same order as one process would, so the result is the
// same bit for bit at any number of ranks; a reduction would add partial sums
// and change the last digits. The cost is one message per rank, one after
// the other, while each rank's own fold runs in turn.
#include <mpi.h>

#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/traffic.hpp"

namespace adlake {

// Collective. `fold(state)` updates the state in place with this rank's
// values; it must not throw (the ranks after this one would wait). Every
// rank returns the state the last rank ended with.
template <class Fold>
std::vector<double> fold_in_rank_order(const Comm& comm, std::vector<double> state, Fold fold) {
  constexpr int kTag = 7301;
  const int n = static_cast<int>(state.size());
  const int rank = comm.rank(), last = comm.size() - 1;
  if (rank > 0) {
    check_mpi(MPI_Recv(state.data(), n, MPI_DOUBLE, rank - 1, kTag, comm.get(), MPI_STATUS_IGNORE),
              "MPI_Recv (fold in rank order)");
  }
  fold(state);
  if (rank < last) {
    check_mpi(MPI_Send(state.data(), n, MPI_DOUBLE, rank + 1, kTag, comm.get()),
              "MPI_Send (fold in rank order)");
  }
  // Counted as an exclusive scan: every rank but the last sends its state.
  count_exscan(comm, state.size() * sizeof(double));
  check_mpi(MPI_Bcast(state.data(), n, MPI_DOUBLE, last, comm.get()), "MPI_Bcast");
  count_broadcast(comm, state.size() * sizeof(double), last);
  return state;
}

}  // namespace adlake
