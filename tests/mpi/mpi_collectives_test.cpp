#include <doctest/doctest.h>

#include <numeric>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/exchange.hpp"

using namespace adlake;

TEST_CASE("reductions and scans") {
  Comm comm = Comm::world();
  const int p = comm.size(), r = comm.rank();
  CHECK(allreduce_sum<int64_t>(comm, r + 1) == static_cast<int64_t>(p) * (p + 1) / 2);
  CHECK(allreduce_max(comm, r) == p - 1);
  CHECK(allreduce_min(comm, r) == 0);
  CHECK(exclusive_scan_sum<int64_t>(comm, 10) == 10 * r);
  auto all = allgather(comm, r * 2);
  CHECK(all.size() == static_cast<size_t>(p));
  CHECK(all.back() == 2 * (p - 1));
  std::vector<int> mine(static_cast<size_t>(r), r);  // rank r contributes r copies of r
  auto joined = allgatherv(comm, mine);
  CHECK(joined.size() == static_cast<size_t>(p * (p - 1) / 2));
  auto strings = allgather_strings(comm, std::string(static_cast<size_t>(r), 'a'));
  CHECK(strings.size() == static_cast<size_t>(p));
  CHECK(strings.back().size() == static_cast<size_t>(p - 1));
}

TEST_CASE("exchange delivers every item to its destination, in rounds") {
  Comm comm = Comm::world();
  const int p = comm.size(), r = comm.rank();
  // Rank r sends to d the values r*1000 + d*10 + k for k < r + d + 1 (rank 0 sends 1 to itself).
  std::vector<std::vector<int64_t>> send(static_cast<size_t>(p));
  for (int d = 0; d < p; ++d) {
    for (int k = 0; k < r + d + 1; ++k) send[d].push_back(r * 1000 + d * 10 + k);
  }
  // A tiny round size forces many rounds.
  auto got = exchange(comm, send, 24);
  std::vector<int64_t> expected;
  for (int s = 0; s < p; ++s) {
    for (int k = 0; k < s + r + 1; ++k) expected.push_back(s * 1000 + r * 10 + k);
  }
  CHECK(got == expected);
}

TEST_CASE("an error on one rank is raised on every rank") {
  Comm comm = Comm::world();
  const int failing = comm.size() - 1;
  bool thrown = false;
  try {
    collective_try(comm, [&] {
      if (comm.rank() == failing) throw DataError("bad line 7 in x.csv");
    });
  } catch (const CollectiveError& e) {
    thrown = true;
    CHECK(std::string(e.what()) == "bad line 7 in x.csv");
    CHECK(e.failing_rank() == failing);
  }
  CHECK(thrown);
  // No error: returns the value, throws nothing.
  CHECK(collective_try(comm, [&] { return comm.rank() + 1; }) == comm.rank() + 1);
}
