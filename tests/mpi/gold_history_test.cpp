// The history features of CONTRACT 3.1 computed across ranks: equal to the
// serial reference whichever way the counts travel (all-gathered or shuffled
// by the key's hash), with a rank that has no rows, and free of leakage: a
// train row's label reaches no feature of its own fold, a test label reaches
// no feature at all. Run at 1, 2 and 3 ranks.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "../unit/gold_fixture.hpp"
#include "../unit/gold_reference.hpp"
#include "adlake/gold/features.hpp"
#include "adlake/gold/history_features.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"

using namespace adlake;
using gold::testing::FactRow;

namespace {

constexpr std::int64_t kAlwaysShuffle = 0;
constexpr std::int64_t kAlwaysGather = std::numeric_limits<std::int64_t>::max();

// Every rank's history columns, concatenated in rank order (= id order).
struct History {
  std::vector<std::vector<std::int64_t>> impressions;
  std::vector<std::vector<double>> ctr;
  bool operator==(const History&) const = default;
};

// Collective: gold's history columns of `rows`, each rank holding its even share.
History compute(const Comm& comm, const std::vector<FactRow>& rows, std::int64_t gather_below) {
  const auto [begin, count] =
      h5::even_share(static_cast<std::int64_t>(rows.size()), comm.rank(), comm.size());
  const gold::FactRows facts =
      gold::fact_rows_from(gold::testing::fact_table(rows, static_cast<size_t>(begin),
                                                     static_cast<size_t>(begin + count)),
                           "fixture", begin);
  Table features = gold::build_features(facts);
  gold::add_history_features(comm, facts, features, gather_below);
  History out;
  const auto& names = gold::history_columns();
  for (size_t k = 0; k < 3; ++k) {
    out.impressions.push_back(allgatherv(comm, features.values<std::int64_t>(names[2 * k])));
    out.ctr.push_back(allgatherv(comm, features.values<double>(names[2 * k + 1])));
  }
  return out;
}

void check_reference(const History& h, const std::vector<FactRow>& rows) {
  const auto want = gold::testing::reference_history(rows);
  for (size_t k = 0; k < 3; ++k) {
    INFO("key " << k);
    CHECK(h.impressions[k] == want.impressions[k]);
    CHECK(h.ctr[k] == want.ctr[k]);  // bit for bit
  }
}

std::vector<const FactRow*> impressions(const std::vector<FactRow>& rows) {
  std::vector<const FactRow*> kept;
  for (const auto& r : rows)
    if (r.has_impression) kept.push_back(&r);
  return kept;
}

// Row i's six values equal in a and b.
bool same_row(const History& a, const History& b, size_t i) {
  for (size_t k = 0; k < 3; ++k) {
    if (a.impressions[k][i] != b.impressions[k][i] || a.ctr[k][i] != b.ctr[k][i]) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("the history columns equal the serial reference, gathered or shuffled") {
  const Comm comm = Comm::world();
  for (const size_t n : {size_t{2500}, size_t{2}, size_t{0}}) {
    INFO(n << " fact rows on " << comm.size() << " rank(s)");
    const auto rows = gold::testing::make_fact_rows(n, 51 + n);
    const History shuffled = compute(comm, rows, kAlwaysShuffle);
    const History gathered = compute(comm, rows, kAlwaysGather);
    check_reference(shuffled, rows);
    CHECK(gathered == shuffled);
  }
}

TEST_CASE("a train row's label reaches no feature of its own fold") {
  const Comm comm = Comm::world();
  auto rows = gold::testing::make_fact_rows(2500, 52);
  const History before = compute(comm, rows, kAlwaysShuffle);
  // Flip the label of the train row of the most frequent user, so the change
  // must show in the rows of that user in the other folds and the test split.
  std::map<std::string, int> uses;
  for (const auto& r : rows)
    if (r.has_impression) ++uses[r.user_id];
  size_t target = rows.size();
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (!r.has_impression || gold::testing::reference_is_test(r.id_md5)) continue;
    if (target == rows.size() || uses[r.user_id] > uses[rows[target].user_id]) target = i;
  }
  REQUIRE(target < rows.size());
  rows[target].is_click ^= 1;
  const int fold = gold::testing::reference_fold(rows[target].id_md5);
  const History after = compute(comm, rows, kAlwaysShuffle);
  check_reference(after, rows);

  const auto kept = impressions(rows);
  int same_fold = 0, changed = 0;
  for (size_t i = 0; i < kept.size(); ++i) {
    const bool train = !gold::testing::reference_is_test(kept[i]->id_md5);
    if (train && gold::testing::reference_fold(kept[i]->id_md5) == fold) {
      INFO("row " << kept[i]->id_md5 << (kept[i] == &rows[target] ? " (the flipped row)" : ""));
      CHECK(same_row(before, after, i));
      ++same_fold;
    } else {
      changed += same_row(before, after, i) ? 0 : 1;
    }
  }
  CHECK(same_fold > 100);
  // Every row outside the fold sees the flip, at least in the set's rate m.
  CHECK(changed == static_cast<int>(kept.size()) - same_fold);
}

TEST_CASE("no test label reaches any feature") {
  const Comm comm = Comm::world();
  auto rows = gold::testing::make_fact_rows(2500, 53);
  const History before = compute(comm, rows, kAlwaysGather);
  int flipped = 0;
  for (auto& r : rows) {
    if (r.has_impression && gold::testing::reference_is_test(r.id_md5)) {
      r.is_click ^= 1;
      ++flipped;
    }
  }
  CHECK(flipped > 100);
  CHECK(compute(comm, rows, kAlwaysGather) == before);
  CHECK(compute(comm, rows, kAlwaysShuffle) == before);
}
