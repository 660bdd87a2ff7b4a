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
  auto got = exchange_by_source(comm, send, 24);
  REQUIRE(got.size() == static_cast<size_t>(p));
  for (int s = 0; s < p; ++s) {
    std::vector<int64_t> expected;
    for (int k = 0; k < s + r + 1; ++k) expected.push_back(s * 1000 + r * 10 + k);
    CHECK(got[static_cast<size_t>(s)] == expected);
  }
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

TEST_CASE("exchange: counts an MPI int cannot hold throw the same error on every rank") {
  Comm comm = Comm::world();
  const int p = comm.size();
  const auto last = static_cast<size_t>(p - 1);
  // Rank 0 announces 2^31 rows for the last rank: that rank could not receive
  // them with int counts, and no rank may be left waiting in a collective.
  std::vector<std::int64_t> counts(static_cast<size_t>(p), 0);
  if (comm.rank() == 0) counts[last] = std::int64_t{1} << 31;
  const std::vector<std::int64_t> none;
  CHECK_THROWS_WITH_AS(exchange_grouped(comm, std::span<const std::int64_t>(none), counts),
                       doctest::Contains("more than an MPI count holds"), Error);
  // Counts that do not add up to the rows given: a caller's bug, refused everywhere.
  std::vector<std::int64_t> wrong(static_cast<size_t>(p), 0);
  if (comm.rank() == p - 1) wrong[0] = 3;
  const std::vector<std::int64_t> two{1, 2};
  const std::span<const std::int64_t> rows =
      comm.rank() == p - 1 ? std::span<const std::int64_t>(two) : std::span<const std::int64_t>();
  CHECK_THROWS_AS(exchange_grouped(comm, rows, wrong), Error);
  // The exchange still works afterwards: nothing was left half done.
  std::vector<std::int64_t> one(static_cast<size_t>(p), 1);
  std::vector<std::int64_t> mine(static_cast<size_t>(p), comm.rank());
  const auto got = exchange_grouped(comm, std::span<const std::int64_t>(mine), one);
  CHECK(got.size() == static_cast<size_t>(p));
}

TEST_CASE("gather counts an MPI int cannot hold throw the same error on every rank") {
  Comm comm = Comm::world();
  std::vector<int> displs;
  const std::size_t mine = comm.rank() == comm.size() - 1 ? std::size_t{1} << 31 : 1;
  CHECK_THROWS_WITH_AS(gather_counts(comm, mine, "MPI_Allgatherv", displs),
                       doctest::Contains("more than an MPI count holds"), Error);
  const auto counts = gather_counts(comm, 2, "MPI_Allgatherv", displs);
  CHECK(counts == std::vector<int>(static_cast<size_t>(comm.size()), 2));
  CHECK(displs.back() == 2 * comm.size());
}

TEST_CASE("allgatherv and gatherv move rows of a struct as rows") {
  struct Row {
    std::int64_t key;
    std::uint8_t flag;  // padding follows: rows travel whole
  };
  Comm comm = Comm::world();
  const int r = comm.rank();
  std::vector<Row> mine(static_cast<size_t>(r + 1), Row{r, static_cast<std::uint8_t>(r)});
  const auto all = allgatherv(comm, mine);
  REQUIRE(all.size() == static_cast<size_t>(comm.size() * (comm.size() + 1) / 2));
  size_t at = 0;
  for (int s = 0; s < comm.size(); ++s) {
    for (int k = 0; k <= s; ++k, ++at) {
      CHECK(all[at].key == s);
      CHECK(all[at].flag == s);
    }
  }
  const auto root = gatherv(comm, mine, 0);
  CHECK(root.size() == (comm.is_root() ? all.size() : 0));
}
