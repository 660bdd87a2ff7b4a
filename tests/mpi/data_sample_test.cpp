// The committed sample data/raw (ADLAKE_TEST_DATA) through bronze and silver at
// the ctest world sizes: it still shows what data/README.md promises (every
// malformed-line reason, blank lines, every reject reason but
// invalid_campaign_type, duplicates of every event entity), and the counts of
// CONTRACT 2.2 and 2.3 add up on real generator output, not only on the
// hand-written fixtures of the stage tests.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "adlake/h5/file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/stages/bronze.hpp"
#include "adlake/stages/silver.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
using nlohmann::json;

namespace {

using Counts = std::map<std::string, std::int64_t>;

void add(Counts& into, const json& reasons) {
  for (const auto& [reason, n] : reasons.items()) into[reason] += n.get<std::int64_t>();
}

std::int64_t total(const Counts& counts) {
  std::int64_t sum = 0;
  for (const auto& [key, n] : counts) sum += n;
  return sum;
}

// Bronze: per file, data lines = rows + rejects + blank lines (CONTRACT 2.2);
// returns the malformed lines by reason and the blank lines of all entities.
Counts check_bronze(const h5::File& bronze, const std::string& entity) {
  Counts seen;
  const json stats = h5::read_table_meta(bronze, "/" + entity).stats;
  std::int64_t rows = 0;
  for (const auto& file : stats.at("files")) {
    Counts rejects;
    add(rejects, file.at("rejects"));
    CHECK(file.at("data_lines").get<std::int64_t>() ==
          file.at("rows").get<std::int64_t>() + total(rejects) +
              file.at("blank_lines").get<std::int64_t>());
    rows += file.at("rows").get<std::int64_t>();
    add(seen, file.at("rejects"));
    seen["blank lines"] += file.at("blank_lines").get<std::int64_t>();
  }
  CHECK(rows == h5::table_rows(bronze, "/" + entity));
  return seen;
}

// Silver: per entity, bronze rows = rejects + duplicates + kept (CONTRACT 2.3).
void check_silver(const json& entry, std::int64_t bronze_rows, Counts& seen,
                  const std::string& entity) {
  Counts rejects;
  add(rejects, entry.at("rejects"));
  const auto duplicates = entry.at("duplicates").get<std::int64_t>();
  CHECK(entry.at("rows_in").get<std::int64_t>() == bronze_rows);
  CHECK(bronze_rows == total(rejects) + duplicates + entry.at("rows_out").get<std::int64_t>());
  add(seen, entry.at("rejects"));
  seen[entity + " duplicates"] += duplicates;
}

}  // namespace

TEST_CASE("data/raw: every promised kind of noise, and the counts add up") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "data-sample");
  Context ctx{comm, 1, {}};
  BronzeOptions bronze_options;
  bronze_options.input = std::string(ADLAKE_TEST_DATA) + "/raw";
  bronze_options.lake = lake;
  run_bronze(ctx, bronze_options);
  SilverOptions silver_options;
  silver_options.lake = lake;
  run_silver(ctx, silver_options);
  if (!comm.is_root()) return;

  const h5::File bronze = h5::File::open_read(lake + "/bronze.h5");
  const h5::File silver = h5::File::open_read(lake + "/silver.h5");
  Counts malformed, rejected;
  const std::map<std::string, std::string> table_of = {
      {"requests", "/fact_ad_funnel"}, {"impressions", "/fact_ad_funnel"},
      {"clicks", "/fact_ad_funnel"},   {"user_profiles", "/users"},
      {"campaigns", "/campaigns"},     {"app_metadata", "/apps"}};
  for (const auto& [entity, table] : table_of) {
    CAPTURE(entity);
    const Counts bronze_seen = check_bronze(bronze, entity);
    for (const auto& [reason, n] : bronze_seen) malformed[reason] += n;
    const json stats = h5::read_table_meta(silver, table).stats;
    check_silver(stats.at(entity), h5::table_rows(bronze, "/" + entity), rejected, entity);
  }
  for (const char* reason :
       {"field_count", "unterminated_quote", "field_too_long", "invalid_encoding", "blank lines"}) {
    CAPTURE(reason);
    CHECK(malformed[reason] > 0);
  }
  for (const char* reason :
       {"invalid_id", "invalid_timestamp", "missing_key", "invalid_number", "orphan_impression",
        "unknown_campaign", "orphan_click", "click_out_of_window", "requests duplicates",
        "impressions duplicates", "clicks duplicates", "user_profiles duplicates"}) {
    CAPTURE(reason);
    CHECK(rejected[reason] > 0);
  }
  // data/README.md: 1,500 requests, each kept once.
  CHECK(h5::table_rows(silver, "/fact_ad_funnel") == 1500);
}
