// The aggregate tables of CONTRACT 3.2 against a serial reference written in
// the test (gold_reference.hpp), and the exactness of partial aggregation.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>

#include "adlake/core/error.hpp"
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
  return aggregate_rows(fact_rows_from(testing::fact_table(rows, begin, end), "fixture",
                                       static_cast<int64_t>(begin)));
}

Advertisers fixture_advertisers() {
  return Advertisers::from(testing::campaigns_table(), "fixture:/campaigns");
}

std::map<std::string, Table> tables_of(const AggregateTotals& totals) {
  std::map<std::string, Table> out;
  for (auto& t : aggregate_tables(totals, fixture_advertisers())) out[t.path] = std::move(t.table);
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
  CHECK(types.values<int64_t>("campaigns")[0] == 7);  // c01 c03 c06 c08 c10 c11 c-shared
  const auto& advertisers = tables.at("/advertiser_performance");
  std::vector<std::string> names;
  for (size_t i = 0; i < advertisers.rows(); ++i) {
    names.emplace_back(advertisers.strings("advertiser").at(i));
  }
  CHECK(names == std::vector<std::string>{" spaced", "Acme", "Beta", "Zed & Co", "acme", "unknown",
                                          "\xc3\x9cnic\xc3\xb6"
                                          "de Ads"});
  CHECK(advertisers.values<int64_t>("campaigns")[1] == 3);  // c01, c02, c11
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
  for (const auto& t : aggregate_tables({local.dense, local.campaigns}, fixture_advertisers())) {
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
      {"c1", 0, {1, 2, 3, 4, 5, 6}},
      {"", 3, {}},
      {std::string(300, 'x'), 2, {-1, 0, 0, 0, std::numeric_limits<int64_t>::max(), 9}}};
  std::vector<const CampaignTotal*> pointers;
  for (const auto& c : campaigns) pointers.push_back(&c);
  CHECK(decode_campaigns(encode_campaigns(pointers)) == campaigns);
  CHECK(decode_campaigns({}).empty());
  auto bytes = encode_campaigns(pointers);
  bytes.pop_back();
  CHECK_THROWS(decode_campaigns(bytes));
}

TEST_CASE("the advertiser comes from /campaigns: joined on campaign_id, checked") {
  const auto rows = testing::make_fact_rows(600, 25);
  auto local = local_of(rows, 0, rows.size());
  const auto tables = aggregate_tables({local.dense, local.campaigns}, fixture_advertisers());
  const auto& ads = *std::find_if(tables.begin(), tables.end(), [](const GoldTable& t) {
    return t.path == "/advertiser_performance";
  });
  CHECK(ads.sources ==
        std::vector<std::string>{"silver.h5:/fact_ad_funnel", "silver.h5:/campaigns"});
  CHECK(tables.front().sources == std::vector<std::string>{"silver.h5:/fact_ad_funnel"});

  // A campaign of the fact that /campaigns lacks is an error, not a silent gap.
  Table campaigns = testing::campaigns_table();
  Table without_c01;
  for (const auto& column : campaigns.columns) {
    if (column.name != "campaign_id" && column.name != "advertiser") continue;
    StringColumn kept;
    const auto& values = std::get<StringColumn>(column.data);
    for (size_t i = 0; i < values.size(); ++i) {
      if (std::get<StringColumn>(campaigns.column("campaign_id").data).at(i) != "c01") {
        kept.push_back(values.at(i));
      }
    }
    without_c01.add(column.name, std::move(kept));
  }
  const auto partial = Advertisers::from(without_c01, "x.h5:/campaigns");
  CHECK_THROWS_WITH_AS(aggregate_tables({local.dense, local.campaigns}, partial),
                       doctest::Contains("campaign_id 'c01' is not in x.h5:/campaigns"), DataError);

  // silver keeps one row per campaign_id: a repeated one is refused.
  Table twice;
  twice.add("campaign_id", StringColumn{});
  twice.add("advertiser", StringColumn{});
  for (const char* id : {"c1", "c2", "c1"}) {
    std::get<StringColumn>(twice.column("campaign_id").data).push_back(id);
    std::get<StringColumn>(twice.column("advertiser").data).push_back("A");
  }
  CHECK_THROWS_WITH_AS(Advertisers::from(twice, "y.h5:/campaigns"),
                       doctest::Contains("y.h5:/campaigns row 2: campaign_id 'c1' is not unique"),
                       DataError);
}
