#pragma once
// Typed collectives over a Comm. Every call is collective: all ranks of the
// communicator must make it, in the same order. Each counts its bytes on the
// Comm (mpi/traffic.hpp).
#include <string>
#include <vector>

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
T allreduce_sum(const Comm& comm, T value) { return allreduce(comm, value, MPI_SUM); }
template <class T>
T allreduce_max(const Comm& comm, T value) { return allreduce(comm, value, MPI_MAX); }
template <class T>
T allreduce_min(const Comm& comm, T value) { return allreduce(comm, value, MPI_MIN); }

// Element-wise sum of equal-length vectors, in place.
template <class T>
void allreduce_sum_inplace(const Comm& comm, std::vector<T>& values) {
  if (values.empty()) return;
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

// Concatenation of every rank's vector, in rank order, on every rank.
template <class T>
std::vector<T> allgatherv(const Comm& comm, const std::vector<T>& mine) {
  auto counts = allgather<int>(comm, static_cast<int>(mine.size()));
  std::vector<int> displs(counts.size(), 0);
  long long total = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    displs[i] = static_cast<int>(total);
    total += counts[i];
  }
  std::vector<T> out(static_cast<size_t>(total));
  check_mpi(MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), mpi_type<T>(), out.data(),
                           counts.data(), displs.data(), mpi_type<T>(), comm.get()),
            "MPI_Allgatherv");
  count_allgather(comm, mine.size() * sizeof(T), out.size() * sizeof(T));
  return out;
}

// Concatenation of every rank's vector on `root` (empty elsewhere).
template <class T>
std::vector<T> gatherv(const Comm& comm, const std::vector<T>& mine, int root = 0) {
  int n = static_cast<int>(mine.size());
  std::vector<int> counts(comm.size(), 0);
  check_mpi(MPI_Gather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, root, comm.get()), "MPI_Gather");
  count_gather(comm, sizeof(int), sizeof(int) * counts.size(), root);
  std::vector<int> displs(counts.size(), 0);
  long long total = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    displs[i] = static_cast<int>(total);
    total += counts[i];
  }
  std::vector<T> out(comm.rank() == root ? static_cast<size_t>(total) : 0);
  check_mpi(MPI_Gatherv(mine.data(), n, mpi_type<T>(), out.data(), counts.data(), displs.data(),
                        mpi_type<T>(), root, comm.get()),
            "MPI_Gatherv");
  count_gather(comm, mine.size() * sizeof(T), static_cast<size_t>(total) * sizeof(T), root);
  return out;
}

template <class T>
void broadcast(const Comm& comm, std::vector<T>& values, int root = 0) {
  unsigned long long n = values.size();
  check_mpi(MPI_Bcast(&n, 1, MPI_UINT64_T, root, comm.get()), "MPI_Bcast");
  count_broadcast(comm, sizeof(n), root);
  values.resize(n);
  if (n > 0) {
    check_mpi(MPI_Bcast(values.data(), static_cast<int>(n), mpi_type<T>(), root, comm.get()),
              "MPI_Bcast");
    count_broadcast(comm, n * sizeof(T), root);
  }
}

void broadcast(const Comm& comm, std::string& text, int root = 0);

// Strings of every rank, in rank order, on every rank.
std::vector<std::string> allgather_strings(const Comm& comm, const std::string& mine);

}  // namespace adlake
