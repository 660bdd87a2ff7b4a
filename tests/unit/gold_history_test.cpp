// The local kernel of the history features (CONTRACT 3.1): the fold of an id,
// the counts per (key, fold), and the ratio in the contract's order. The
// distributed computation is tested in tests/mpi/gold_history_test.cpp.
#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "adlake/gold/features.hpp"
#include "adlake/gold/history_features.hpp"

using namespace adlake;
using namespace adlake::gold;

TEST_CASE("the fold is hex digits 17-24 of id_md5 mod 5, whatever the split") {
  const std::string head(16, 'f'), tail(8, 'f');
  CHECK(history_fold(head + "00000000" + tail) == 0);
  CHECK(history_fold(head + "00000007" + tail) == 2);
  CHECK(history_fold(head + "ffffffff" + tail) == 0);  // 4294967295 = 5 * 858993459
  CHECK(history_fold(std::string(16, '0') + "0000000e" + std::string(8, '0')) == 4);
  // The digits around 17-24 change nothing; 25-32 choose the split, not the fold.
  for (const std::string split_digits : {"00000000", "00000001", "00000002", "00000005"}) {
    const std::string id =
        "0123456789abcdef"
        "00000003" +
        split_digits;
    CHECK(history_fold(id) == 3);
    CHECK(history_fold("fedcba9876543210"
                       "00000003" +
                       split_digits) == 3);
  }
  CHECK(split_of(head + "00000003" + "00000000") == Split::kTest);
  CHECK(split_of(head + "00000003" + "00000002") == Split::kTrain);
}

TEST_CASE("counts per key and fold, and the ratio in the contract's order") {
  // Rows: key, fold (-1 = test), click.
  StringColumn keys;
  HistoryRows rows;
  const std::vector<std::tuple<const char*, int, int>> data{
      {"u1", 0, 1}, {"u1", 1, 0}, {"u2", 1, 1}, {"u1", -1, 1}, {"u1", 1, 1}, {"u3", -1, 0}};
  for (const auto& [key, fold, click] : data) {
    keys.push_back(key);
    rows.fold.push_back(static_cast<int8_t>(fold));
    rows.is_click.push_back(static_cast<uint8_t>(click));
  }
  const LocalKeys local = count_keys(keys, rows);
  REQUIRE(local.keys.size() == 3);
  CHECK(local.slot == std::vector<uint32_t>{0, 0, 1, 0, 0, 2});
  CHECK(local.keys[0].key.view() == "u1");
  CHECK(local.keys[0].counts.rows == std::array<int64_t, 5>{1, 2, 0, 0, 0});
  CHECK(local.keys[0].counts.clicks == std::array<int64_t, 5>{1, 1, 0, 0, 0});  // test row: none
  CHECK(local.keys[2].counts == FoldCounts{});

  FoldCounts all;
  for (const auto& k : local.keys) all += k.counts;
  std::vector<FoldCounts> totals;
  for (const auto& k : local.keys) totals.push_back(k.counts);
  const HistoryColumns h = history_values(rows, local.slot, totals, all);
  // Row 0 (u1, fold 0): the other folds hold 3 train rows, 2 clicks; u1 has 2 of them, 1 click.
  CHECK(h.impressions[0] == 2);
  CHECK(h.ctr[0] == (1.0 + 20.0 * (2.0 / 3.0)) / (2.0 + 20.0));
  // Row 1 (u1, fold 1): the other folds hold 1 row (u1, clicked).
  CHECK(h.impressions[1] == 1);
  CHECK(h.ctr[1] == (1.0 + 20.0 * 1.0) / (1.0 + 20.0));
  // Row 3 (u1, test): every train row: 4 rows, 3 clicks; u1: 3 rows, 2 clicks.
  CHECK(h.impressions[3] == 3);
  CHECK(h.ctr[3] == (2.0 + 20.0 * 0.75) / 23.0);
  // Row 5 (u3, test): never in train; the set's rate alone.
  CHECK(h.impressions[5] == 0);
  CHECK(h.ctr[5] == 0.75);
}

TEST_CASE("a set with no rows has rate 0, not NaN") {
  StringColumn keys;
  keys.push_back("u1");
  HistoryRows rows{{0}, {1}};  // the only train row: its other folds are empty
  const LocalKeys local = count_keys(keys, rows);
  const HistoryColumns h =
      history_values(rows, local.slot, {local.keys[0].counts}, local.keys[0].counts);
  CHECK(h.impressions[0] == 0);
  CHECK(h.ctr[0] == 0.0);
}
