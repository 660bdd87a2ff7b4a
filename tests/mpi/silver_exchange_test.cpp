// Silver's row exchanges and distributed dimensions at 1, 2 and 3 ranks:
// every row reaches its owner once, in rounds when a round is small, with
// ranks that send or own nothing; both dimension joins find the same rows.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/exchange.hpp"
#include "adlake/silver/dimension.hpp"

using namespace adlake;

namespace {

// "u<n>" (std::string's operator+ trips a GCC 12 -Wrestrict false positive).
clean::Id user_key(int n) {
  std::string key = "u";
  key.append(std::to_string(n));
  return clean::Id::from(key);
}

struct Item {
  std::int64_t value;
  std::int32_t from;
  char pad[20];
};

}  // namespace

TEST_CASE("exchange_to_owners: every row once at its owner, in any round size") {
  Comm comm = Comm::world();
  const int p = comm.size();
  for (const std::size_t round_bytes : {std::size_t{1}, sizeof(Item) * 3, kRoundBytes}) {
    // Rank r sends r * 37 rows (rank 0 none); row v goes to rank v % p, except
    // that no row goes to the last rank when there are several.
    std::vector<Item> rows;
    for (int i = 0; i < comm.rank() * 37; ++i)
      rows.push_back({comm.rank() * 1000 + i, comm.rank(), {}});
    const auto owner = [p](const Item& it) {
      return p == 1 ? 0 : static_cast<int>(it.value % (p - 1));
    };
    const auto got = exchange_to_owners(comm, std::move(rows), owner, round_bytes);
    for (const auto& it : got) CHECK(owner(it) == comm.rank());
    // In source order, each source's rows in their order.
    for (std::size_t i = 1; i < got.size(); ++i) {
      const bool ordered = got[i - 1].from < got[i].from ||
                           (got[i - 1].from == got[i].from && got[i - 1].value < got[i].value);
      CHECK(ordered);
    }
    std::int64_t total = 0;
    for (int r = 0; r < p; ++r) total += r * 37;
    CHECK(allreduce_sum<std::int64_t>(comm, static_cast<std::int64_t>(got.size())) == total);
    std::int64_t sum = 0;
    for (const auto& it : got) sum += it.value;
    std::int64_t expected = 0;
    for (int r = 0; r < p; ++r)
      for (int i = 0; i < r * 37; ++i) expected += r * 1000 + i;
    CHECK(allreduce_sum<std::int64_t>(comm, sum) == expected);
  }
}

TEST_CASE("exchange_by_source: replies go back in the order asked") {
  Comm comm = Comm::world();
  const int p = comm.size();
  std::vector<std::vector<std::int64_t>> ask(static_cast<std::size_t>(p));
  for (int d = 0; d < p; ++d) {
    for (int k = 0; k < comm.rank() + d; ++k) ask[d].push_back(comm.rank() * 100 + d * 10 + k);
  }
  const auto asked = exchange_by_source(comm, ask);
  REQUIRE(asked.size() == static_cast<std::size_t>(p));
  std::vector<std::vector<std::int64_t>> reply(asked.size());
  for (int s = 0; s < p; ++s) {
    CHECK(asked[s].size() == static_cast<std::size_t>(s + comm.rank()));
    for (auto v : asked[s]) reply[s].push_back(-v);
  }
  const auto answered = exchange_by_source(comm, reply);
  for (int d = 0; d < p; ++d) {
    REQUIRE(answered[d].size() == ask[d].size());
    for (std::size_t k = 0; k < ask[d].size(); ++k) CHECK(answered[d][k] == -ask[d][k]);
  }
}

TEST_CASE("dimensions: keys on one rank each, deduplicated, same lookups both ways") {
  Comm comm = Comm::world();
  const int p = comm.size();
  // Every rank but the last holds profiles of users u0..u29 (duplicates across
  // ranks: the latest updated_at wins); the last holds none when p > 1.
  std::vector<silver::UserRow> valid;
  if (p == 1 || comm.rank() < p - 1) {
    for (int u = 0; u < 30; ++u) {
      silver::UserRow row{};
      row.row.user_id = user_key(u);
      row.row.updated_at = 1700000000 + comm.rank() * 10 + u;
      row.row.age = static_cast<std::int16_t>(20 + comm.rank());
      row.seq = comm.rank() * 100 + u;
      valid.push_back(row);
    }
  }
  const int holders = p == 1 ? 1 : p - 1;
  auto dim = silver::build_dimension(comm, std::move(valid));
  CHECK(dim.total_rows == 30);
  CHECK(allreduce_sum<std::int64_t>(comm, dim.duplicates) == 30 * (holders - 1));
  // Ascending by key within the rank, and every key owned by this rank.
  for (std::size_t i = 0; i < dim.rows.size(); ++i) {
    CHECK(dim.ranges.owner(dim.rows[i].user_id) == comm.rank());
    if (i > 0) CHECK(dim.rows[i - 1].user_id < dim.rows[i].user_id);
    CHECK(dim.rows[i].age == 20 + holders - 1);  // the latest profile is the last holder's
  }
  // Lookups: known keys, repeats, unknown keys; this rank asks for its own set.
  std::vector<clean::Id> keys;
  for (int k = 0; k < 50; ++k) keys.push_back(user_key((k * 7 + comm.rank()) % 40));
  auto key_at = [&](std::size_t k) -> const clean::Id& { return keys[k]; };
  const auto by_broadcast =
      silver::lookup(comm, dim, keys.size(), key_at, silver::JoinStrategy::kBroadcast);
  const auto by_shuffle =
      silver::lookup(comm, dim, keys.size(), key_at, silver::JoinStrategy::kShuffle);
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto* a = by_broadcast.at(k);
    const auto* b = by_shuffle.at(k);
    const int u = std::stoi(std::string(keys[k].view().substr(1)));
    REQUIRE((a != nullptr) == (u < 30));
    REQUIRE((b != nullptr) == (u < 30));
    if (a) {
      CHECK(a->user_id == keys[k]);
      CHECK(b->user_id == keys[k]);
      CHECK(a->updated_at == b->updated_at);
      CHECK(a->updated_at == 1700000000 + (holders - 1) * 10 + u);
    }
  }
  // No keys at all on some ranks is fine too.
  const auto none = silver::lookup(comm, dim, comm.rank() == 0 ? 0 : keys.size(), key_at,
                                   silver::JoinStrategy::kShuffle);
  CHECK(none.size() == (comm.rank() == 0 ? 0 : keys.size()));
}
