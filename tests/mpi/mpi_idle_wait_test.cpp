#include <doctest/doctest.h>

#include <chrono>
#include <numeric>
#include <thread>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/idle_wait.hpp"

using namespace adlake;

namespace {

// Rank 0 arrives 100 ms after the others.
void arrive_late_on_root(const Comm& comm) {
  if (comm.rank() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

}  // namespace

TEST_CASE("a rank waiting for a late peer sleeps, and the collectives give the same results") {
  Comm comm = Comm::world();
  const int p = comm.size(), r = comm.rank();
  const long long before = idle_sleeping_waits();

  arrive_late_on_root(comm);
  CHECK(allreduce_sum<int64_t>(comm, r + 1) == static_cast<int64_t>(p) * (p + 1) / 2);
  arrive_late_on_root(comm);
  CHECK(allreduce_min(comm, r) == 0);
  arrive_late_on_root(comm);
  std::vector<int> mine(static_cast<size_t>(r + 1), r);
  const auto joined = allgatherv(comm, mine);
  std::vector<int> expected;
  for (int s = 0; s < p; ++s) expected.insert(expected.end(), static_cast<size_t>(s + 1), s);
  CHECK(joined == expected);
  arrive_late_on_root(comm);
  std::vector<int64_t> values{r == 0 ? 7 : 0, r == 0 ? 9 : 0};
  broadcast(comm, values);
  CHECK(values == std::vector<int64_t>{7, 9});
  arrive_late_on_root(comm);
  comm.barrier();

  // The ranks that were on time slept while they waited (in most of the five
  // waits; not required in each: on a loaded machine a rank may itself be
  // descheduled for the whole delay).
  if (r != 0) CHECK(idle_sleeping_waits() - before >= 1);
}

TEST_CASE("a floating-point sum stays the blocking reduction, with the same bits") {
  Comm comm = Comm::world();
  const double mine = 0.1 * (comm.rank() + 1) + 1e-17 * comm.rank();
  double blocking = 0;
  check_mpi(PMPI_Allreduce(&mine, &blocking, 1, MPI_DOUBLE, MPI_SUM, comm.get()), "allreduce");
  CHECK(allreduce_sum(comm, mine) == blocking);
  // An integer sum through the interposed call equals the blocking one.
  std::vector<int64_t> counts(1000);
  std::iota(counts.begin(), counts.end(), comm.rank());
  std::vector<int64_t> summed = counts;
  allreduce_sum_inplace(comm, summed);
  std::vector<int64_t> reference(counts.size());
  check_mpi(PMPI_Allreduce(counts.data(), reference.data(), static_cast<int>(counts.size()),
                           MPI_INT64_T, MPI_SUM, comm.get()),
            "allreduce");
  CHECK(summed == reference);
}
