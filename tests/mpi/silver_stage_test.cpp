// The silver stage end to end on a hand-written bronze.h5, at the ctest world
// sizes (1, 2, 3 ranks; at 3 one rank owns no request's id), with each
// dimension join strategy: every dataset equals the expected values written
// out by hand below, so silver.h5 is the same at every size and strategy.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/stages/silver.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
namespace fs = std::filesystem;

namespace {

using Strings = std::vector<std::string>;
using I64 = std::vector<std::int64_t>;

const std::string A = "10000000000000000000000000000000";
const std::string B = "50000000000000000000000000000000";
const std::string C = "90000000000000000000000000000000";
const std::string D = "D0000000000000000000000000000000";  // upper case: folded
const std::string E = "f0000000000000000000000000000000";
const std::string d = "d0000000000000000000000000000000";

struct BronzeRow {
  std::int32_t file;
  std::int64_t line;
  Strings values;
};

// A bronze table as the bronze stage writes it; rank 0 holds every row.
Table bronze_table(const Comm& comm, const Strings& columns, const std::vector<BronzeRow>& rows) {
  Table t;
  std::vector<StringColumn*> values;
  for (const auto& c : columns) values.push_back(&t.add(c, StringColumn{}));
  auto& file = t.add("_file", std::vector<std::int32_t>{});
  auto& line = t.add("_line", std::vector<std::int64_t>{});
  if (!comm.is_root()) return t;
  for (const auto& r : rows) {
    REQUIRE(r.values.size() == columns.size());
    for (std::size_t j = 0; j < columns.size(); ++j) values[j]->push_back(r.values[j]);
    file.push_back(r.file);
    line.push_back(r.line);
  }
  return t;
}

void write_bronze(const Comm& comm, const std::string& lake, bool out_of_order = false) {
  h5::LayerFile layer(lake, "bronze.h5", comm);
  h5::TableMeta meta;
  meta.stage = "bronze";
  auto write = [&](const std::string& path, const Table& t) {
    h5::write_table(layer.file(), path, t, meta, comm);
  };
  // _file indexes: the two request files are listed out of name order.
  Table files;
  auto& path = files.add("path", StringColumn{});
  if (comm.is_root()) {
    for (const char* p : {"requests/part-b.csv", "requests/part-a.csv", "impressions.csv",
                          "clicks.csv", "user_profiles.csv", "campaigns.csv", "app_metadata.csv"}) {
      path.push_back(p);
    }
  }
  write("/_files", files);
  const std::string long_id(65, 'x');
  // Input order: part-a.csv (file 1) before part-b.csv (file 0).
  std::vector<BronzeRow> requests{
      {1, 2, {A, "2024-01-01T00:00:00Z", "u1", "a1", "Mobile", "iOS", "10.0.0.1"}},
      {1, 3, {B, "1704067200", " u2 ", "a2", "pc", "Windows 10", "192.168.1.1"}},
      {1, 5, {"not-an-id", "1704067200", "u1", "a1", "", "", ""}},
      {1, 6, {C, "2024-13-01 00:00:00", "u1", "a1", "", "", ""}},
      {0, 2, {A, "1704067200", "u1", "a1", "phone", "ios", "10.0.0.99"}},
      {0, 3, {B, "1704067100", "u9", "a2", "", "", ""}},
      {0, 4, {D, "1704070800", "u3", "a9", "tablet", "Linux", "001.002.003.004"}},
      {0, 5, {E, "1704070800", "", "", "TV", "other", ""}},
      {0, 6, {A, "1704067200", "u1", long_id, "", "", ""}},
  };
  if (out_of_order) std::swap(requests[0], requests[1]);
  write("/requests",
        bronze_table(comm, {"id_md5", "ts", "user_id", "app_id", "device_type", "os", "ip"},
                     requests));
  write("/impressions", bronze_table(comm, {"id_md5", "ts", "campaign_id", "slot", "win_price"},
                                     {{2, 2, {A, "1704067260", "c1", "2", "0.10"}},
                                      {2, 3, {A, "1704067230", "c2", "3", "0.20"}},
                                      {2, 4, {C, "1704067200", "c1", "1", "1"}},
                                      {2, 5, {d, "1704070900", "c-gone", "0", "1"}},
                                      {2, 6, {E, "1704070810", "c3", "11", "0.0000005"}},
                                      {2, 7, {B, "1704067100", "c1", "1", "1000"}},
                                      {2, 8, {B, "1704067101", "", "1", "1"}},
                                      {2, 9, {d, "1704070950", "c1", "0", "1"}}}));
  write("/clicks", bronze_table(comm, {"id_md5", "ts", "is_install"},
                                {{3, 2, {A, "1704067300", "yes"}},
                                 {3, 3, {A, "1704067230", "0"}},
                                 {3, 4, {A, "1704153631", "1"}},
                                 {3, 5, {d, "1704070950", "1"}},
                                 {3, 6, {E, "1704157210", "true"}},
                                 {3, 7, {B, "1704067200", "1"}},
                                 {3, 8, {E, "1704070809", "0"}},
                                 {3, 9, {"bad", "1", "1"}},
                                 {3, 10, {E, "not a time", "1"}}}));
  write("/user_profiles",
        bronze_table(
            comm, {"user_id", "age", "gender", "state", "interest", "updated_at"},
            {{4, 2, {"u1", "30", "F", "new york", "news", "2023-01-01T00:00:00Z"}},
             {4, 3, {"u1", "45", "m", "TX", "sports", "2023-06-01T00:00:00Z"}},
             {4, 4, {"u3", "12", "x", "Puerto Rico", "knitting", "1700000000"}},
             {4, 5, {"", "30", "f", "CA", "news", "1700000000"}},
             {4, 6, {"u9", "100", "woman", "dc", "FOOD", "bad"}},
             {4, 7, {"u9", "100", "woman", "district of  columbia", "FOOD", "1700000000"}}}));
  write("/campaigns",
        bronze_table(comm, {"campaign_id", "advertiser", "campaign_type", "category", "bid"},
                     {{5, 2, {"c1", "Acme", "cpc", "News", "1.5"}},
                      {5, 3, {"c2", "Zeta", "CPM", "travel", "2.5"}},
                      {5, 4, {"c2", "Alpha", "CPM", "travel", "9"}},
                      {5, 5, {"c3", "", "Cpi", "gaming", "4"}},
                      {5, 6, {"c4", "Bad", "CPX", "news", "1"}},
                      {5, 7, {"", "x", "CPC", "news", "1"}}}));
  write("/app_metadata", bronze_table(comm, {"app_id", "app_name", "genre", "rating"},
                                      {{6, 2, {"a1", "App One", "gaming", "4.5"}},
                                       {6, 3, {"a9", "Nine", "finance", "7"}},
                                       {6, 4, {" ", "x", "news", "1"}},
                                       {6, 5, {"a1", "App One", "gaming", "4.0"}}}));
  layer.publish();
}

// Every table of silver.h5, whole, on every rank.
std::map<std::string, Table> read_silver(const Comm& comm, const std::string& lake) {
  std::map<std::string, Table> out;
  const auto file = h5::File::open_parallel(lake + "/silver.h5", comm);
  for (const auto& path : h5::list_tables(file)) {
    out[path] = h5::read_table(file, path, 0, h5::table_rows(file, path));
  }
  return out;
}

Strings strings(const Table& t, const std::string& name) {
  Strings out;
  const auto& c = t.strings(name);
  for (std::size_t i = 0; i < c.size(); ++i) out.emplace_back(c.at(i));
  return out;
}

Strings labels(const Table& t, const std::string& name) {
  Strings out;
  const auto& c = t.enums(name);
  for (std::size_t i = 0; i < c.size(); ++i) out.emplace_back(c.label(i));
  return out;
}

void check_expected(std::map<std::string, Table>& tables) {
  const std::string a = A, b = B, e = E;
  const Table& f = tables.at("/fact_ad_funnel");
  REQUIRE(f.rows() == 4);
  CHECK(strings(f, "id_md5") == Strings{a, b, d, e});
  CHECK(f.values<std::int64_t>("ts") == I64{1704067200, 1704067100, 1704070800, 1704070800});
  CHECK(strings(f, "user_id") == Strings{"u1", "u9", "u3", "unknown"});
  CHECK(strings(f, "app_id") == Strings{"a1", "a2", "a9", "unknown"});
  CHECK(labels(f, "device_type") == Strings{"phone", "unknown", "tablet", "ctv"});
  CHECK(labels(f, "os") == Strings{"ios", "unknown", "linux", "other"});
  CHECK(strings(f, "ip_prefix") == Strings{"10.0.0.0/24", "unknown", "1.2.3.0/24", "unknown"});
  CHECK(f.values<std::int16_t>("age") == std::vector<std::int16_t>{45, 100, -1, -1});
  CHECK(labels(f, "age_bucket") == Strings{"45-54", "65+", "unknown", "unknown"});
  CHECK(labels(f, "gender") == Strings{"M", "F", "U", "U"});
  CHECK(labels(f, "user_state") == Strings{"TX", "DC", "UNK", "UNK"});
  CHECK(labels(f, "interest") == Strings{"sports", "food", "unknown", "unknown"});
  CHECK(labels(f, "genre") == Strings{"gaming", "unknown", "finance", "unknown"});
  CHECK(f.values<double>("app_rating") == std::vector<double>{4.0, 0.0, 0.0, 0.0});
  CHECK(f.values<std::uint8_t>("has_impression") == std::vector<std::uint8_t>{1, 0, 0, 1});
  CHECK(f.values<std::int64_t>("imp_ts") == I64{1704067230, -1, -1, 1704070810});
  CHECK(strings(f, "campaign_id") == Strings{"c2", "", "", "c3"});
  CHECK(f.values<std::int8_t>("slot") == std::vector<std::int8_t>{3, -1, -1, -1});
  CHECK(f.values<std::int64_t>("win_price_micros") == I64{200000, 0, 0, 1});
  CHECK(labels(f, "campaign_type") == Strings{"CPM", "none", "none", "CPI"});
  CHECK(labels(f, "category") == Strings{"travel", "none", "none", "gaming"});
  CHECK_FALSE(f.has("advertiser"));  // it is the campaign's, in /campaigns (CONTRACT 2.4)
  CHECK(f.values<std::int64_t>("bid_micros") == I64{9000000, 0, 0, 4000000});
  CHECK(f.values<std::uint8_t>("is_click") == std::vector<std::uint8_t>{1, 0, 0, 1});
  CHECK(f.values<std::int64_t>("click_ts") == I64{1704067230, -1, -1, 1704157210});
  CHECK(f.values<std::int32_t>("n_clicks_raw") == std::vector<std::int32_t>{2, 0, 0, 1});
  CHECK(f.values<std::uint8_t>("is_install") == std::vector<std::uint8_t>{1, 0, 0, 1});
  CHECK(f.values<std::int64_t>("revenue_micros") == I64{9000, 0, 0, 4000000});

  const Table& users = tables.at("/users");
  CHECK(strings(users, "user_id") == Strings{"u1", "u3", "u9"});
  CHECK(users.values<std::int16_t>("age") == std::vector<std::int16_t>{45, -1, 100});
  CHECK(labels(users, "age_bucket") == Strings{"45-54", "unknown", "65+"});
  CHECK(labels(users, "gender") == Strings{"M", "U", "F"});
  CHECK(labels(users, "user_state") == Strings{"TX", "UNK", "DC"});
  CHECK(labels(users, "interest") == Strings{"sports", "unknown", "food"});
  CHECK(users.values<std::int64_t>("updated_at") == I64{1685577600, 1700000000, 1700000000});
  // `none` is not a member of the dimension's enum types; the other codes keep their place
  const auto& interest = users.enums("interest").labels;
  CHECK(std::find(interest.begin(), interest.end(), "none") == interest.end());
  CHECK(interest.size() == clean::enum_count<clean::Category>);

  const Table& campaigns = tables.at("/campaigns");
  CHECK(strings(campaigns, "campaign_id") == Strings{"c1", "c2", "c3"});
  CHECK(strings(campaigns, "advertiser") == Strings{"Acme", "Alpha", "unknown"});
  CHECK(labels(campaigns, "campaign_type") == Strings{"CPC", "CPM", "CPI"});
  CHECK(labels(campaigns, "category") == Strings{"news", "travel", "gaming"});
  CHECK(campaigns.values<std::int64_t>("bid_micros") == I64{1500000, 9000000, 4000000});

  const Table& apps = tables.at("/apps");
  CHECK(strings(apps, "app_id") == Strings{"a1", "a9"});
  CHECK(strings(apps, "app_name") == Strings{"App One", "Nine"});
  CHECK(labels(apps, "genre") == Strings{"gaming", "finance"});
  CHECK(apps.values<double>("app_rating") == std::vector<double>{4.0, 0.0});

  // Rejects in input order: part-a.csv (_file 1) before part-b.csv (_file 0).
  const Table& rq = tables.at("/_rejects/requests");
  CHECK(rq.values<std::int32_t>("_file") == std::vector<std::int32_t>{1, 1, 0});
  CHECK(rq.values<std::int64_t>("_line") == I64{5, 6, 6});
  CHECK(labels(rq, "reason") == Strings{"invalid_id", "invalid_timestamp", "invalid_id"});
  CHECK(strings(rq, "id_md5") == Strings{"not-an-id", C, A});
  CHECK(strings(rq, "app_id") == Strings{"a1", "a1", std::string(65, 'x')});
  CHECK(!rq.has("ip"));  // privacy: the full address never reaches silver
  const Table& ri = tables.at("/_rejects/impressions");
  CHECK(ri.values<std::int64_t>("_line") == I64{4, 5, 7, 8});
  CHECK(labels(ri, "reason") ==
        Strings{"orphan_impression", "unknown_campaign", "invalid_number", "missing_key"});
  CHECK(strings(ri, "win_price") == Strings{"1", "1", "1000", "1"});
  const Table& rc = tables.at("/_rejects/clicks");
  CHECK(rc.values<std::int64_t>("_line") == I64{4, 5, 7, 8, 9, 10});
  CHECK(labels(rc, "reason") == Strings{"click_out_of_window", "orphan_click", "orphan_click",
                                        "click_out_of_window", "invalid_id", "invalid_timestamp"});
  CHECK(tables.at("/_rejects/user_profiles").values<std::int64_t>("_line") == I64{5, 6});
  CHECK(labels(tables.at("/_rejects/campaigns"), "reason") ==
        Strings{"invalid_campaign_type", "missing_key"});
  CHECK(strings(tables.at("/_rejects/app_metadata"), "app_id") == Strings{" "});  // not trimmed
  CHECK(tables.at("/_files").rows() == 7);
}

void check_stats(const Comm& comm, const std::string& lake) {
  const auto file = h5::File::open_parallel(lake + "/silver.h5", comm);
  const auto fact = h5::read_table_meta(file, "/fact_ad_funnel").stats;
  const auto expect = [](std::int64_t in, nlohmann::json rejects, std::int64_t dups,
                         std::int64_t out) {
    return nlohmann::json{
        {"rows_in", in}, {"rejects", rejects}, {"duplicates", dups}, {"rows_out", out}};
  };
  CHECK(fact["requests"] == expect(9, {{"invalid_id", 2}, {"invalid_timestamp", 1}}, 2, 4));
  CHECK(fact["impressions"] == expect(8,
                                      {{"invalid_id", 0},
                                       {"invalid_timestamp", 0},
                                       {"missing_key", 1},
                                       {"invalid_number", 1},
                                       {"orphan_impression", 1},
                                       {"unknown_campaign", 1}},
                                      2, 2));
  CHECK(fact["clicks"] == expect(9,
                                 {{"invalid_id", 1},
                                  {"invalid_timestamp", 1},
                                  {"orphan_click", 2},
                                  {"click_out_of_window", 2}},
                                 1, 2));
  CHECK(h5::read_table_meta(file, "/users").stats["user_profiles"] ==
        expect(6, {{"missing_key", 1}, {"invalid_timestamp", 1}}, 1, 3));
  CHECK(h5::read_table_meta(file, "/campaigns").stats["campaigns"] ==
        expect(6, {{"missing_key", 1}, {"invalid_campaign_type", 1}, {"invalid_number", 0}}, 1, 3));
  CHECK(h5::read_table_meta(file, "/apps").stats["app_metadata"] ==
        expect(4, {{"missing_key", 1}}, 1, 2));
  // Conservation, for every entity of every table's stats.
  for (const auto& path : h5::list_tables(file)) {
    const auto stats = h5::read_table_meta(file, path).stats;
    for (const auto& [entity, s] : stats.items()) {
      std::int64_t rejects = 0;
      for (const auto& [reason, n] : s["rejects"].items()) rejects += n.get<std::int64_t>();
      CHECK(s["rows_in"].get<std::int64_t>() ==
            rejects + s["duplicates"].get<std::int64_t>() + s["rows_out"].get<std::int64_t>());
    }
  }
}

}  // namespace

TEST_CASE("silver: hand-written bronze gives the expected silver.h5 with every join strategy") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "silver");
  write_bronze(comm, lake);
  std::map<std::string, Table> first;
  for (const auto join : {silver::JoinStrategy::kBroadcast, silver::JoinStrategy::kShuffle,
                          silver::JoinStrategy::kAuto}) {
    CAPTURE(silver::label(join));
    Context ctx{comm, 1, {}};
    SilverOptions options;
    options.lake = lake;
    options.dimension_join = join;
    // Chunks of 2 rows on one pass: many read, exchange and write rounds,
    // some ranks with none left; the same silver.h5 as in one chunk.
    if (join == silver::JoinStrategy::kShuffle) options.chunk_rows = 2;
    run_silver(ctx, options);
    REQUIRE(ctx.reports.size() == 1);
    CHECK(ctx.reports[0].rows_in == 42);
    auto tables = read_silver(comm, lake);
    check_expected(tables);
    check_stats(comm, lake);
    if (first.empty()) {
      first = std::move(tables);
    } else {
      CHECK(tables.size() == first.size());
      for (const auto& [path, table] : first) CHECK_MESSAGE(tables.at(path) == table, path);
    }
  }
  comm.barrier();
  if (comm.is_root()) fs::remove_all(lake);
}

TEST_CASE("silver: bronze rows out of input order are an error on every rank, nothing written") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "silver-order");
  write_bronze(comm, lake, /*out_of_order=*/true);
  Context ctx{comm, 1, {}};
  SilverOptions options;
  options.lake = lake;
  CHECK_THROWS_AS(run_silver(ctx, options), CollectiveError);
  CHECK(!fs::exists(lake + "/silver.h5"));
  comm.barrier();
  if (comm.is_root()) fs::remove_all(lake);
}

TEST_CASE("silver: a bronze table without a column is an error naming it, nothing written") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "silver-column");
  {
    h5::LayerFile layer(lake, "bronze.h5", comm);
    h5::TableMeta meta;
    meta.stage = "bronze";
    const std::vector<std::pair<std::string, Strings>> tables{
        {"/requests", {"id_md5", "ts", "user_id", "app_id", "device_type", "os", "ip"}},
        {"/impressions", {"id_md5", "ts", "campaign_id", "slot", "win_price"}},
        {"/clicks", {"id_md5", "ts"}},  // no is_install
        {"/user_profiles", {"user_id", "age", "gender", "state", "interest", "updated_at"}},
        {"/campaigns", {"campaign_id", "advertiser", "campaign_type", "category", "bid"}},
        {"/app_metadata", {"app_id", "app_name", "genre", "rating"}},
        {"/_files", {"path"}}};
    for (const auto& [path, columns] : tables) {
      Table t;
      for (const auto& c : columns) t.add(c, StringColumn{});
      if (path != "/_files") {
        t.add("_file", std::vector<std::int32_t>{});
        t.add("_line", std::vector<std::int64_t>{});
      }
      h5::write_table(layer.file(), path, t, meta, comm);
    }
    layer.publish();
  }
  Context ctx{comm, 1, {}};
  SilverOptions options;
  options.lake = lake;
  std::string message;
  try {
    run_silver(ctx, options);
  } catch (const CollectiveError& e) {
    message = e.what();
  }
  CHECK(message.find("/clicks has no column is_install") != std::string::npos);
  CHECK(!fs::exists(lake + "/silver.h5"));
  comm.barrier();
  if (comm.is_root()) fs::remove_all(lake);
}

TEST_CASE("silver: no bronze layer is an error on every rank") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "silver-none");
  Context ctx{comm, 1, {}};
  SilverOptions options;
  options.lake = lake;
  CHECK_THROWS_AS(run_silver(ctx, options), CollectiveError);
  comm.barrier();
  if (comm.is_root()) fs::remove_all(lake);
}
