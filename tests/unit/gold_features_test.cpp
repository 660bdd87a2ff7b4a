// /features (CONTRACT 3.1): the feature list, the per-row rules, and the table
// against a serial reference over the fixture rows.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "adlake/core/error.hpp"
#include "adlake/gold/fact_rows.hpp"
#include "adlake/gold/features.hpp"
#include "adlake/silver/fact.hpp"
#include "gold_fixture.hpp"
#include "gold_reference.hpp"

using namespace adlake;
using namespace adlake::gold;
using testing::FactRow;

namespace {

FactRows fixture_fact_rows(const std::vector<FactRow>& rows) {
  return fact_rows_from(testing::fact_table(rows, 0, rows.size()), "fixture", 0);
}

std::vector<std::string> names_of(const Table& t) {
  std::vector<std::string> names;
  for (const auto& c : t.columns) names.push_back(c.name);
  return names;
}

}  // namespace

TEST_CASE("the feature columns are exactly the contract's list") {
  // CONTRACT 3.1, word for word.
  const std::vector<std::string> contract{"hour_of_day",
                                          "day_of_week",
                                          "is_affinity_match",
                                          "is_contextual_match",
                                          "age",
                                          "age_bucket",
                                          "gender",
                                          "user_state",
                                          "interest",
                                          "device_type",
                                          "os",
                                          "genre",
                                          "app_rating",
                                          "campaign_type",
                                          "category",
                                          "slot",
                                          "bid_micros",
                                          "user_hist_impressions",
                                          "user_hist_ctr",
                                          "campaign_hist_impressions",
                                          "campaign_hist_ctr",
                                          "app_hist_impressions",
                                          "app_hist_ctr"};
  CHECK(feature_columns() == contract);

  // build_features makes the row-wise columns; the history (a collective)
  // appends the last six (tests/mpi/gold_history_test.cpp).
  const auto rows = testing::make_fact_rows(300, 7);
  const Table features = build_features(fixture_fact_rows(rows));
  std::vector<std::string> want{"id_md5", "split", "is_click"};
  want.insert(want.end(), contract.begin(), contract.end() - 6);
  CHECK(names_of(features) == want);
}

TEST_CASE("nothing known only after the impression is a feature") {
  // The fact columns that an impression's outcome sets (CONTRACT 2.4).
  const std::set<std::string> after{"is_click",   "click_ts",       "n_clicks_raw",
                                    "is_install", "revenue_micros", "has_impression"};
  for (const auto& f : feature_columns()) CHECK_MESSAGE(after.count(f) == 0, f);
  const auto rows = testing::make_fact_rows(100, 8);
  const Table features = build_features(fixture_fact_rows(rows));
  for (const auto& name : names_of(features)) {
    if (name == kLabelColumn) continue;  // the label itself
    CHECK_MESSAGE(after.count(name) == 0, name);
  }
  CHECK(kLabelColumn == "is_click");
  CHECK(kSplitColumn == "split");
}

TEST_CASE("hour and weekday of a timestamp, in UTC, Monday = 0") {
  const int64_t monday = 1709510400;  // 2024-03-04T00:00:00Z
  CHECK(hour_of_day(monday) == 0);
  CHECK(day_of_week(monday) == 0);
  CHECK(hour_of_day(monday + 6 * 86400 + 86399) == 23);
  CHECK(day_of_week(monday + 6 * 86400 + 86399) == 6);  // Sunday 23:59:59
  CHECK(day_of_week(monday + 7 * 86400) == 0);
  CHECK(day_of_week(946684800) == 5);  // 2000-01-01 was a Saturday
  CHECK(hour_of_day(946684800 + 13 * 3600 + 59) == 13);
}

TEST_CASE("split: the last eight hex digits, as an integer, modulo 10") {
  const std::string head(24, 'f');
  CHECK(split_of(head + "00000000") == Split::kTest);
  CHECK(split_of(head + "00000001") == Split::kTest);
  CHECK(split_of(head + "00000002") == Split::kTrain);
  CHECK(split_of(head + "0000000a") == Split::kTest);   // 10: hex, not decimal
  CHECK(split_of(head + "0000000b") == Split::kTest);   // 11
  CHECK(split_of(head + "0000000c") == Split::kTrain);  // 12
  CHECK(split_of(head + "ffffffff") == Split::kTrain);  // 4294967295 % 10 = 5
  CHECK(split_of(head + "fffffffa") == Split::kTest);   // 4294967290 % 10 = 0
  CHECK(split_of(head + "fffffffb") == Split::kTest);   // 4294967291 % 10 = 1
  CHECK(split_of(head + "fffffff6") == Split::kTrain);  // 4294967286 % 10 = 6
  // Only the last eight digits count.
  CHECK(split_of(std::string(24, '0') + "0000000c") == Split::kTrain);
  CHECK(split_of("0123456789abcdef01234567" + std::string("00000001")) == Split::kTest);
}

TEST_CASE("is_match needs equal and known categories") {
  using clean::Category;
  const auto c = [](Category x) { return clean::code(x); };
  CHECK(is_match(c(Category::kGaming), c(Category::kGaming)) == 1);
  CHECK(is_match(c(Category::kGaming), c(Category::kNews)) == 0);
  CHECK(is_match(c(Category::kUnknown), c(Category::kUnknown)) == 0);
  CHECK(is_match(c(Category::kNone), c(Category::kNone)) == 0);
}

TEST_CASE("features match a serial reference over the fixture") {
  const auto rows = testing::make_fact_rows(2000, 11);
  const Table features = build_features(fixture_fact_rows(rows));
  testing::check_features(features, rows, false);
  const auto counts = count_features(features);
  CHECK(counts.rows == static_cast<int64_t>(features.rows()));
  CHECK(counts.train + counts.test == counts.rows);
  CHECK(counts.test > 0);
  CHECK(counts.train > counts.test);
  // The label set is the split's own: train and test clicks add up to all clicks.
  int64_t clicks = 0;
  for (const auto& r : rows) clicks += r.is_click;
  CHECK(counts.train_clicks + counts.test_clicks == clicks);
}

TEST_CASE("enum columns are read by label, whatever member values the file used") {
  auto rows = testing::make_fact_rows(50, 12);
  Table table = testing::fact_table(rows, 0, rows.size());
  // A file whose gender type lists U, M, F (values 0, 1, 2).
  auto& gender = table.enums("gender");
  for (auto& code : gender.codes) code = static_cast<uint8_t>(2 - code);
  gender.labels = {"U", "M", "F"};
  // ... and whose interest type leaves `none` out (an empty label: no such code).
  table.enums("interest").labels[clean::code(clean::Category::kNone)].clear();
  const Table features = build_features(fact_rows_from(std::move(table), "fixture", 0));
  testing::check_features(features, rows, false);
}

TEST_CASE("a fact table that breaks the contract is a DataError naming the row") {
  const auto rows = testing::make_fact_rows(20, 13);
  auto bad = [&](auto&& change) {
    Table table = testing::fact_table(rows, 0, rows.size());
    change(table);
    return fact_rows_from(std::move(table), "lake/silver.h5:/fact_ad_funnel", 100);
  };
  CHECK_THROWS_WITH_AS(bad([](Table& t) {
                         auto& ids = t.strings("id_md5");
                         StringColumn swapped;
                         for (size_t i = 0; i < ids.size(); ++i) {
                           swapped.push_back(ids.at(i == 3 ? 4 : i == 4 ? 3 : i));
                         }
                         ids = swapped;
                       }),
                       doctest::Contains("row 104"), DataError);
  CHECK_THROWS_WITH_AS(bad([](Table& t) {
                         StringColumn ids;
                         for (size_t i = 0; i < 20; ++i) {
                           ids.push_back(i == 0 ? "ABC" : t.strings("id_md5").at(i));
                         }
                         t.strings("id_md5") = ids;
                       }),
                       doctest::Contains("32 lower-case hex"), DataError);
  CHECK_THROWS_WITH_AS(bad([](Table& t) { t.column("age").data = std::vector<int32_t>(20, 30); }),
                       doctest::Contains("column age: expected int16, found int32"), DataError);
  CHECK_THROWS_WITH_AS(bad([](Table& t) { t.enums("os").labels[0] = "beos"; }),
                       doctest::Contains("beos"), DataError);
  CHECK_THROWS_WITH_AS(bad([](Table& t) { t.enums("user_state").codes[5] = 200; }),
                       doctest::Contains("user_state"), DataError);
  CHECK_THROWS_WITH_AS(bad([](Table& t) {
                         auto& e = t.enums("device_type");
                         e.labels[e.codes[0]].clear();  // row 0's code is no longer a member
                       }),
                       doctest::Contains("not a member"), DataError);
  CHECK_THROWS_AS(bad([](Table& t) { t.values<uint8_t>("is_click")[2] = 2; }), DataError);
  CHECK_THROWS_WITH_AS(bad([&](Table& t) {
                         for (size_t i = 0; i < rows.size(); ++i) {
                           if (rows[i].has_impression) {
                             t.values<int64_t>("imp_ts")[i] = -1;
                             break;
                           }
                         }
                       }),
                       doctest::Contains("imp_ts"), DataError);
  // Money beyond CONTRACT 2.1's bound would overflow gold's int64 sums.
  CHECK_THROWS_WITH_AS(
      bad([](Table& t) { t.values<int64_t>("revenue_micros")[7] = int64_t{1} << 62; }),
      doctest::Contains("row 107"), DataError);
  CHECK_THROWS_WITH_AS(bad([](Table& t) { t.values<int64_t>("bid_micros")[0] = -1; }),
                       doctest::Contains("bid_micros"), DataError);
}

TEST_CASE("gold reads the fact table that silver's assembly makes") {
  // silver::empty_fact() carries the column types and enum labels of silver's
  // /fact_ad_funnel: gold must accept them as they are.
  const FactRows rows = fact_rows_from(silver::empty_fact(), "silver", 0);
  CHECK(rows.size() == 0);
  CHECK(build_features(rows).rows() == 0);
}
