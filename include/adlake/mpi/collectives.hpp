#pragma once
// Typed collectives over a Comm. Every call is collective: all ranks of the
// communicator must make it, in the same order. Each counts its bytes on the
// Comm (mpi/traffic.hpp).
#include <limits>
#include <string>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/datatype.hpp"
#include "adlake/mpi/traffic.hpp"

namespace adlake {

template <class T>
T allreduce(const Comm& comm, T value, MPI_Op op) {
  T out{};
  check_mpi(MPI_Allreduce(&value, &out, 1, mpi_type<T>(), op, comm.get()), "MPI_Allreduce");
  count_allreduce(comm, sizeof(T));
  return out;
}
template <class T>
T allreduce_sum(const Comm& comm, T value) {
  return allreduce(comm, value, MPI_SUM);
}
template <class T>
T allreduce_max(const Comm& comm, T value) {
  return allreduce(comm, value, MPI_MAX);
}
template <class T>
T allreduce_min(const Comm& comm, T value) {
  return allreduce(comm, value, MPI_MIN);
}

// Element-wise sum of equal-length vectors, in place.
template <class T>
void allreduce_sum_inplace(const Comm& comm, std::vector<T>& values) {
  if (values.empty()) return;
  if (values.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error("MPI_Allreduce of " + std::to_string(values.size()) +
                " values: more than an MPI count holds");
  }
  check_mpi(MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()),
                          mpi_type<T>(), MPI_SUM, comm.get()),
            "MPI_Allreduce");
  count_allreduce(comm, values.size() * sizeof(T));
}

// Sum of `value` over ranks below this one (0 on rank 0).
template <class T>
T exclusive_scan_sum(const Comm& comm, T value) {
  T out{};
  check_mpi(MPI_Exscan(&value, &out, 1, mpi_type<T>(), MPI_SUM, comm.get()), "MPI_Exscan");
  count_exscan(comm, sizeof(T));
  return comm.rank() == 0 ? T{} : out;
}

// One value from every rank, in rank order.
template <class T>
std::vector<T> allgather(const Comm& comm, T value) {
  std::vector<T> out(comm.size());
  check_mpi(MPI_Allgather(&value, 1, mpi_type<T>(), out.data(), 1, mpi_type<T>(), comm.get()),
            "MPI_Allgather");
  count_allgather(comm, sizeof(T), sizeof(T) * out.size());
  return out;
}

// MPI counts and displacements are int: the counts of a gather (one per
// rank, known to every rank) and their sum must fit, or every rank throws
// the same error naming `what` (never a silent overflow).
std::vector<int> gather_counts(const Comm& comm, std::size_t mine, const char* what,
                               std::vector<int>& displs);

// Concatenation of every rank's vector (values or trivially copyable rows),
// in rank order, on every rank; the counts are checked (gather_counts).
template <class T>
std::vector<T> allgatherv(const Comm& comm, const std::vector<T>& mine) {
  std::vector<int> displs;
  const auto counts = gather_counts(comm, mine.size(), "MPI_Allgatherv", displs);
  std::vector<T> out(static_cast<size_t>(displs.back()));
  const RowType<T> type;
  check_mpi(MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), type.get(), out.data(),
                           counts.data(), displs.data(), type.get(), comm.get()),
            "MPI_Allgatherv");
  count_allgather(comm, mine.size() * sizeof(T), out.size() * sizeof(T));
  return out;
}

// Concatenation of every rank's vector on `root` (empty elsewhere).
template <class T>
std::vector<T> gatherv(const Comm& comm, const std::vector<T>& mine, int root = 0) {
  std::vector<int> displs;
  const auto counts = gather_counts(comm, mine.size(), "MPI_Gatherv", displs);
  std::vector<T> out(comm.rank() == root ? static_cast<size_t>(displs.back()) : 0);
  const RowType<T> type;
  check_mpi(MPI_Gatherv(mine.data(), static_cast<int>(mine.size()), type.get(), out.data(),
                        counts.data(), displs.data(), type.get(), root, comm.get()),
            "MPI_Gatherv");
  count_gather(comm, mine.size() * sizeof(T), static_cast<size_t>(displs.back()) * sizeof(T), root);
  return out;
}

template <class T>
void broadcast(const Comm& comm, std::vector<T>& values, int root = 0) {
  unsigned long long n = values.size();
  check_mpi(MPI_Bcast(&n, 1, MPI_UINT64_T, root, comm.get()), "MPI_Bcast");
  if (n > static_cast<unsigned long long>(std::numeric_limits<int>::max())) {
    throw Error("MPI_Bcast of " + std::to_string(n) + " values: more than an MPI count holds");
  }
  count_broadcast(comm, sizeof(n), root);
  values.resize(n);
  if (n > 0) {
    const RowType<T> type;
    check_mpi(MPI_Bcast(values.data(), static_cast<int>(n), type.get(), root, comm.get()),
              "MPI_Bcast");
    count_broadcast(comm, n * sizeof(T), root);
  }
}

void broadcast(const Comm& comm, std::string& text, int root = 0);

// Strings of every rank, in rank order, on every rank.
std::vector<std::string> allgather_strings(const Comm& comm, const std::string& mine);

}  // namespace adlake
