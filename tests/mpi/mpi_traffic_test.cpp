// The bytes each rank's MPI calls move (mpi/traffic.hpp), counted by the
// wrappers themselves: known exchanges at 1, 2 and 3 ranks.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <boost/serialization/vector.hpp>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/exchange.hpp"
#include "adlake/mpi/serialized.hpp"
#include "adlake/mpi/summary.hpp"

using namespace adlake;

namespace {

struct Row {
  std::array<std::int64_t, 5> v{};  // 40 bytes
};

// Rows rank s sends to rank d.
std::int64_t rows_from_to(int s, int d) {
  return s + 2 * d + 1;
}

// The bytes every rank pays around an exchange's payload: the all-to-all of
// one 8-byte count per rank and the allreduce (max) of the number of rounds.
std::uint64_t exchange_overhead(int p) {
  return 8 * static_cast<std::uint64_t>(p - 1) + 2 * 8 * static_cast<std::uint64_t>(p - 1) / p;
}

// Over all ranks, bytes sent equal bytes received (a byte leaves one rank for another).
void check_balanced(const Comm& comm, const Traffic& mine) {
  CHECK(allreduce_sum<std::uint64_t>(comm, mine.sent) ==
        allreduce_sum<std::uint64_t>(comm, mine.received));
}

}  // namespace

TEST_CASE("traffic: a row exchange counts the rows to and from the other ranks") {
  Comm comm = Comm::world();
  const int p = comm.size(), r = comm.rank();
  std::vector<Row> send;
  std::vector<std::int64_t> counts(static_cast<size_t>(p));
  for (int d = 0; d < p; ++d) {
    counts[static_cast<size_t>(d)] = rows_from_to(r, d);
    for (std::int64_t k = 0; k < rows_from_to(r, d); ++k) send.push_back(Row{{r, d, k, 0, 0}});
  }
  const Traffic before = comm.traffic();
  // Two rows per peer per round: several rounds, the payload counted once.
  const auto got = exchange_grouped(comm, std::span<const Row>(send), counts, 2 * 40 * p);
  const Traffic moved = comm.traffic() - before;

  std::uint64_t payload_out = 0, payload_in = 0;
  std::int64_t longest = 0;
  for (int o = 0; o < p; ++o) {
    longest = std::max({longest, rows_from_to(r, o), rows_from_to(o, r)});
    if (o == r) continue;  // a rank's rows for itself never leave it
    payload_out += 40 * static_cast<std::uint64_t>(rows_from_to(r, o));
    payload_in += 40 * static_cast<std::uint64_t>(rows_from_to(o, r));
  }
  std::size_t expected_rows = 0;
  for (int s = 0; s < p; ++s) expected_rows += static_cast<size_t>(rows_from_to(s, r));
  REQUIRE(got.size() == expected_rows);
  CHECK(moved.sent == payload_out + exchange_overhead(p));
  CHECK(moved.received == payload_in + exchange_overhead(p));
  const std::int64_t rounds = allreduce_max(comm, (longest + 1) / 2);
  CHECK(moved.calls == static_cast<std::uint64_t>(2 + rounds));
  if (p == 1) CHECK(moved.sent == 0);
  check_balanced(comm, moved);
}

TEST_CASE("traffic: exchange_to_owners and exchange_by_source count the same payload") {
  Comm comm = Comm::world();
  const int p = comm.size(), r = comm.rank();
  // Rank r owns 10 + r rows; row k goes to rank k mod p.
  std::vector<std::int64_t> rows(static_cast<size_t>(10 + r));
  std::iota(rows.begin(), rows.end(), 0);
  std::uint64_t payload_out = 0;
  for (const auto k : rows) payload_out += k % p == r ? 0 : 8;
  const Traffic before = comm.traffic();
  const auto got = exchange_to_owners(comm, std::move(rows),
                                      [&](std::int64_t k) { return static_cast<int>(k % p); });
  const Traffic moved = comm.traffic() - before;
  if (p == 1) {
    CHECK(moved == Traffic{});  // one rank: nothing moves, no call
  } else {
    CHECK(moved.sent == payload_out + exchange_overhead(p));
  }
  check_balanced(comm, moved);

  // Lists per destination: rank r sends r + d + 1 int64 to rank d, 24-byte rounds.
  std::vector<std::vector<std::int64_t>> by_dest(static_cast<size_t>(p));
  std::uint64_t out = 0, in = 0;
  for (int d = 0; d < p; ++d) {
    by_dest[static_cast<size_t>(d)].assign(static_cast<size_t>(r + d + 1), r);
    if (d != r) out += 8 * static_cast<std::uint64_t>(r + d + 1);
    if (d != r) in += 8 * static_cast<std::uint64_t>(d + r + 1);
  }
  const Traffic before_bytes = comm.traffic();
  const auto received = exchange_by_source(comm, by_dest, 24);
  const Traffic bytes = comm.traffic() - before_bytes;
  size_t rows_in = 0;
  for (const auto& part : received) rows_in += part.size();
  CHECK(rows_in == static_cast<size_t>(p * (p + 1) / 2 + p * r));
  CHECK(bytes.sent == out + exchange_overhead(p));
  CHECK(bytes.received == in + exchange_overhead(p));
  check_balanced(comm, bytes);
}

TEST_CASE("traffic: collectives count as direct messages") {
  Comm comm = Comm::world();
  const int p = comm.size(), r = comm.rank();
  const auto others = static_cast<std::uint64_t>(p - 1);
  const auto pu = static_cast<std::uint64_t>(p);

  Traffic before = comm.traffic();
  const auto joined = allgatherv(comm, std::vector<std::int32_t>(static_cast<size_t>(r + 1), r));
  Traffic moved = comm.traffic() - before;
  // The counts (8 bytes from each rank, all-gathered so that every rank can
  // check they fit an MPI count), then r + 1 int32 from each rank r.
  const std::uint64_t all = 4 * static_cast<std::uint64_t>(joined.size());
  CHECK(moved.sent == 8 * others + 4 * static_cast<std::uint64_t>(r + 1) * others);
  CHECK(moved.received == 8 * others + all - 4 * static_cast<std::uint64_t>(r + 1));
  check_balanced(comm, moved);

  before = comm.traffic();
  std::vector<double> sums(100, 1.0);
  allreduce_sum_inplace(comm, sums);
  moved = comm.traffic() - before;
  CHECK(sums.front() == doctest::Approx(p));
  CHECK(moved.sent == 2 * 800 * others / pu);
  CHECK(moved.received == moved.sent);

  before = comm.traffic();
  std::vector<std::int64_t> values(r == p - 1 ? 50 : 0, 7);
  broadcast(comm, values, p - 1);
  moved = comm.traffic() - before;
  CHECK(values.size() == 50);
  CHECK(moved.sent == (r == p - 1 ? (8 + 400) * others : 0));
  CHECK(moved.received == (r == p - 1 ? 0 : 8 + 400));
  check_balanced(comm, moved);

  before = comm.traffic();
  const auto gathered = gatherv(comm, std::vector<std::int16_t>(3, 1));
  moved = comm.traffic() - before;
  CHECK(gathered.size() == (r == 0 ? 3 * pu : 0));
  // The counts all-gathered (8 bytes from each rank), then 3 int16 to rank 0.
  CHECK(moved.sent == 8 * others + (r == 0 ? 0 : 6));
  CHECK(moved.received == 8 * others + (r == 0 ? 6 * others : 0));
  check_balanced(comm, moved);

  before = comm.traffic();
  CHECK(exclusive_scan_sum<std::int64_t>(comm, 1) == r);
  moved = comm.traffic() - before;
  CHECK(moved.sent == (r < p - 1 ? 8u : 0u));
  check_balanced(comm, moved);
}

TEST_CASE("traffic: serialized values go through the counted gathers") {
  Comm comm = Comm::world();
  const int p = comm.size(), r = comm.rank();
  const std::vector<std::vector<int>> mine(static_cast<size_t>(r + 1), std::vector<int>(r + 2, r));
  const Traffic before = comm.traffic();
  const auto all = allgather_serialized(comm, mine);
  const Traffic moved = comm.traffic() - before;
  REQUIRE(all.size() == static_cast<size_t>(p));
  for (int s = 0; s < p; ++s) {
    CHECK(all[static_cast<size_t>(s)] ==
          std::vector<std::vector<int>>(static_cast<size_t>(s + 1), std::vector<int>(s + 2, s)));
  }
  // At least the ints of the other ranks' values arrive, at least this rank's leave.
  std::uint64_t ints_in = 0;
  for (int s = 0; s < p; ++s)
    ints_in += s == r ? 0 : 4 * static_cast<std::uint64_t>((s + 1) * (s + 2));
  CHECK(moved.received >= ints_in);
  if (p > 1) CHECK(moved.sent >= 4 * static_cast<std::uint64_t>((r + 1) * (r + 2)));
  check_balanced(comm, moved);
}

TEST_CASE("traffic: each stage's report holds its own bytes, per rank") {
  Comm comm = Comm::world();
  const int p = comm.size(), r = comm.rank();
  Context ctx{comm, 1, {}};
  ctx.traffic_mark = comm.traffic();
  const Traffic before = comm.traffic();
  std::vector<std::int64_t> counts(static_cast<size_t>(p), 1000);
  const std::vector<Row> send(static_cast<size_t>(1000 * p));
  exchange_grouped(comm, std::span<const Row>(send), counts);
  const Traffic mine = comm.traffic() - before;
  record_stage(ctx, StageReport{"silver"}, 1.0);
  // The next stage moves nothing: its own report says so.
  record_stage(ctx, StageReport{"gold"}, 1.0);
  const auto sent = allgather<std::uint64_t>(comm, mine.sent);  // after: it would count

  REQUIRE(ctx.reports.size() == 2);
  const StageUsage& silver = ctx.reports[0].usage;
  CHECK(silver.sent == sent);
  CHECK(silver.sent[static_cast<size_t>(r)] ==
        40'000 * static_cast<std::uint64_t>(p - 1) + exchange_overhead(p));
  CHECK(silver.received == silver.sent);  // every rank sent each the same
  CHECK(silver.calls == mine.calls);
  REQUIRE(silver.peak_memory.size() == static_cast<size_t>(p));
  CHECK(silver.peak_memory[static_cast<size_t>(r)] > 0);
  const StageUsage& gold = ctx.reports[1].usage;
  CHECK(gold.sent == std::vector<std::uint64_t>(static_cast<size_t>(p), 0));
  CHECK(gold.calls == 0);
  const std::string table = format_summary(ctx);
  CHECK(table.find("MPI MB out") != std::string::npos);
  CHECK(format_usage("silver", silver).find("silver: per rank: MPI sent MB [") == 0);
  CHECK(usage_json(silver)["mpi_bytes_sent"].size() == static_cast<size_t>(p));
}
