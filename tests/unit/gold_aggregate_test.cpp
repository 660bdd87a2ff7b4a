// The aggregate tables of CONTRACT 3.2 against a serial reference written in
// the test (gold_reference.hpp), and the exactness of partial aggregation.
#include <doctest/doctest.h>

#include <limits>

#include "adlake/gold/aggregate.hpp"
#include "adlake/gold/aggregate_combine.hpp"
#include "adlake/gold/aggregate_tables.hpp"
#include "adlake/gold/fact_rows.hpp"
#include "gold_fixture.hpp"
#include "gold_reference.hpp"

using namespace adlake;
using namespace adlake::gold;
using testing::FactRow;

namespace {

LocalAggregates local_of(const std::vector<FactRow>& rows, size_t begin, size_t end) {
  return aggregate_rows(
      fact_rows_from(testing::fact_table(rows, begin, end), "fixture", static_cast<int64_t>(begin)));
}

std::map<std::string, Table> tables_of(const AggregateTotals& totals) {
  std::map<std::string, Table> out;
  for (auto& t : aggregate_tables(totals)) out[t.path] = std::move(t.table);
  return out;
}

void check_against_reference(const std::vector<FactRow>& rows,
                             const std::map<std::string, Table>& actual) {
  const auto want = testing::reference_aggregates(rows);
  REQUIRE(actual.size() == want.size());
  for (const auto& [path, table] : want) {
    REQUIRE(actual.count(path) == 1);
    testing::check_aggregate(path, actual.at(path), table);
  }
}

}  // namespace

TEST_CASE("every aggregate equals the serial reference") {
  const auto rows = testing::make_fact_rows(3000, 21);
  auto local = local_of(rows, 0, rows.size());
  const auto tables = tables_of({local.dense, local.campaigns});
  check_against_reference(rows, tables);
  testing::check_key_types(tables);

  // The fixture's edge cases are really there.
  const auto& states = tables.at("/revenue_by_state");
  bool vt = false, unk = false;
  for (size_t i = 0; i < states.rows(); ++i) {
    const auto label = states.enums("user_state").label(i);
    if (label == "VT") {
      vt = true;
      CHECK(states.values<int64_t>("impressions")[i] == 0);
      CHECK(states.values<double>("ctr")[i] == 0.0);
      CHECK(states.values<double>("ecpm_micros")[i] == 0.0);
    }
    unk = unk || label == "UNK";
  }
  CHECK(vt);
  CHECK(unk);
  CHECK(tables.at("/hourly_performance").rows() < 24);
  const auto& types = tables.at("/campaign_type_performance");
  REQUIRE(types.rows() == 3);
  CHECK(types.enums("campaign_type").label(2) == "CPM");
  CHECK(types.values<int64_t>("clicks")[2] == 0);
  CHECK(types.values<double>("cvr")[2] == 0.0);
  // c-shared under Acme and Beta counts once per advertiser, once for CPC.
  CHECK(types.values<int64_t>("campaigns")[0] == 6);
  const auto& advertisers = tables.at("/advertiser_performance");
  std::vector<std::string> names;
  for (size_t i = 0; i < advertisers.rows(); ++i) {
    names.emplace_back(advertisers.strings("advertiser").at(i));
  }
  CHECK(names == std::vector<std::string>{" spaced", "Acme", "Beta", "Zed & Co", "acme", "unknown",
                                          "\xc3\x9cnic\xc3\xb6" "de Ads"});
  CHECK(advertisers.values<int64_t>("campaigns")[1] == 3);  // c01, c02, c-shared
  CHECK(advertisers.values<int64_t>("campaigns")[2] == 3);  // c09, c10, c-shared
}

TEST_CASE("partials over any split of the rows add up to the same tables") {
  const auto rows = testing::make_fact_rows(1500, 22);
  auto whole = local_of(rows, 0, rows.size());
  const auto want = tables_of({whole.dense, whole.campaigns});
  for (size_t parts : {2, 3, 7}) {
    AggregateTotals totals;
    for (size_t p = 0; p < parts; ++p) {
      auto part = local_of(rows, rows.size() * p / parts, rows.size() * (p + 1) / parts);
      totals.dense += part.dense;
      totals.campaigns.insert(totals.campaigns.end(), part.campaigns.begin(), part.campaigns.end());
    }
    merge_campaigns(totals.campaigns);
    CHECK(totals.dense == whole.dense);
    CHECK(totals.campaigns == whole.campaigns);
    CHECK(tables_of(totals) == want);
  }
}

TEST_CASE("no rows: empty aggregates and a funnel of zeros") {
  const std::vector<FactRow> none;
  const auto tables = tables_of({});
  check_against_reference(none, tables);
  CHECK(tables.at("/funnel_summary").rows() == 1);
  CHECK(tables.at("/revenue_by_state").rows() == 0);
  // Rows without impression only: requests counted, nothing else.
  auto rows = testing::make_fact_rows(40, 23);
  for (auto& r : rows) {
    FactRow request;  // the impression, click and install fields at their CONTRACT 2.4 defaults
    request.id_md5 = r.id_md5;
    request.user_state = r.user_state;
    request.age_bucket = r.age_bucket;
    request.gender = r.gender;
    request.interest = r.interest;
    request.genre = r.genre;
    request.device_type = r.device_type;
    request.os = r.os;
    r = request;
  }
  auto local = local_of(rows, 0, rows.size());
  const auto only_requests = tables_of({local.dense, local.campaigns});
  check_against_reference(rows, only_requests);
  CHECK(only_requests.at("/advertiser_performance").rows() == 0);
  CHECK(only_requests.at("/funnel_summary").values<double>("fill_rate")[0] == 0.0);
}

TEST_CASE("empty_like keeps columns, types, labels and units") {
  const auto rows = testing::make_fact_rows(200, 24);
  auto local = local_of(rows, 0, rows.size());
  for (const auto& t : aggregate_tables({local.dense, local.campaigns})) {
    const Table empty = empty_like(t.table);
    CHECK(empty.rows() == 0);
    REQUIRE(empty.columns.size() == t.table.columns.size());
    for (size_t c = 0; c < empty.columns.size(); ++c) {
      CHECK(empty.columns[c].name == t.table.columns[c].name);
      CHECK(empty.columns[c].units == t.table.columns[c].units);
      CHECK(empty.columns[c].data.index() == t.table.columns[c].data.index());
    }
    CHECK_FALSE(t.description.empty());
  }
}

TEST_CASE("ratios: exact totals, 0 for a zero divisor, no overflow in ecpm") {
  CHECK(ratio(1, 3) == 1.0 / 3.0);
  CHECK(ratio(5, 0) == 0.0);
  CHECK(ecpm_micros(7, 0) == 0.0);
  CHECK(ecpm_micros(1'000'000, 4) == 250'000'000.0);
  const int64_t big = std::numeric_limits<int64_t>::max() / 10;  // * 1000 overflows int64
  CHECK(ecpm_micros(big, 1000) == static_cast<double>(big));
}

TEST_CASE("campaign partials survive the wire format") {
  std::vector<CampaignTotal> campaigns{
      {"c1", "Acme", 0, {1, 2, 3, 4, 5, 6}},
      {"", "", 3, {}},
      {std::string(300, 'x'), "\xc3\x9c", 2, {-1, 0, 0, 0, std::numeric_limits<int64_t>::max(), 9}}};
  std::vector<const CampaignTotal*> pointers;
  for (const auto& c : campaigns) pointers.push_back(&c);
  CHECK(decode_campaigns(encode_campaigns(pointers)) == campaigns);
  CHECK(decode_campaigns({}).empty());
  auto bytes = encode_campaigns(pointers);
  bytes.pop_back();
  CHECK_THROWS(decode_campaigns(bytes));
}
