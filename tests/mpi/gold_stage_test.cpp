// `adlake gold` end to end on a silver.h5 written by the test (CONTRACT 2.4
// layout): gold.h5 is the same at 1, 2, ... world-size ranks (sub-communicators
// of the world), matches the serial reference, and a bad silver.h5 stops every
// rank with no gold.h5 left behind.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "../unit/gold_fixture.hpp"
#include "../unit/gold_reference.hpp"
#include "adlake/core/error.hpp"
#include "adlake/gold/aggregate_tables.hpp"
#include "adlake/gold/features.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/stages/gold.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
namespace fs = std::filesystem;
using gold::testing::FactRow;

namespace {

// The first `ranks` ranks of the world, or nothing on the others.
std::optional<Comm> first_ranks(const Comm& world, int ranks) {
  MPI_Comm raw = MPI_COMM_NULL;
  MPI_Comm_split(world.get(), world.rank() < ranks ? 0 : MPI_UNDEFINED, world.rank(), &raw);
  if (raw == MPI_COMM_NULL) return std::nullopt;
  std::optional<Comm> comm(std::in_place, raw);
  MPI_Comm_free(&raw);
  return comm;
}

// Collective over comm: silver.h5 in `lake` holding `rows`, each rank writing
// its even share, and (unless told not to) the fixture's /campaigns.
void write_silver(const Comm& comm, const std::string& lake, const std::vector<FactRow>& rows,
                  bool with_campaigns = true) {
  const auto [begin, count] =
      h5::even_share(static_cast<int64_t>(rows.size()), comm.rank(), comm.size());
  h5::LayerFile layer(lake, "silver.h5", comm);
  h5::TableMeta meta;
  meta.stage = "silver";
  h5::write_table(layer.file(), "/fact_ad_funnel",
                  gold::testing::fact_table(rows, static_cast<size_t>(begin),
                                            static_cast<size_t>(begin + count)),
                  meta, comm);
  if (with_campaigns) {
    const Table campaigns = gold::testing::campaigns_table();
    h5::write_table(layer.file(), "/campaigns",
                    comm.is_root() ? campaigns : gold::empty_like(campaigns), meta, comm);
  }
  layer.publish();
}

struct StoredTable {
  Table table;
  h5::TableMeta meta;
};

std::map<std::string, StoredTable> read_gold(const std::string& path) {
  h5::File file = h5::File::open_read(path);
  std::map<std::string, StoredTable> out;
  for (const auto& name : h5::list_tables(file)) {
    out[name] = {h5::read_table(file, name, 0, h5::table_rows(file, name)),
                 h5::read_table_meta(file, name)};
  }
  return out;
}

void check_against_reference(const std::map<std::string, StoredTable>& gold,
                             const std::vector<FactRow>& rows) {
  const auto want = gold::testing::reference_aggregates(rows);
  std::map<std::string, Table> aggregates;
  for (const auto& [path, expected] : want) {
    REQUIRE(gold.count(path) == 1);
    gold::testing::check_aggregate(path, gold.at(path).table, expected);
    aggregates[path] = gold.at(path).table;
    CHECK(gold.at(path).meta.stage == "gold");
    CHECK(gold.at(path).meta.description.rfind("SELECT ", 0) == 0);
    std::vector<std::string> sources{"silver.h5:/fact_ad_funnel"};
    if (path == "/advertiser_performance") sources.push_back("silver.h5:/campaigns");  // the join
    CHECK(gold.at(path).meta.sources == sources);
  }
  gold::testing::check_key_types(aggregates);
  REQUIRE(gold.count("/features") == 1);
  gold::testing::check_features(gold.at("/features").table, rows);
  CHECK(gold.size() == want.size() + 1);
}

void check_feature_attributes(const std::string& path) {
  h5::File file = h5::File::open_read(path);
  h5::Handle group(H5Gopen2(file.id(), "/features", H5P_DEFAULT), "open /features");
  CHECK(nlohmann::json::parse(h5::read_string_attribute(group.id(), "feature_columns")) ==
        nlohmann::json(gold::feature_columns()));
  CHECK(h5::read_string_attribute(group.id(), "label_column") == "is_click");
  CHECK(h5::read_string_attribute(group.id(), "split_column") == "split");
  CHECK(h5::read_string_attribute(group.id(), "id_column") == "id_md5");
}

void check_same(const std::map<std::string, StoredTable>& a,
                const std::map<std::string, StoredTable>& b, int ranks) {
  INFO("gold.h5 written by " << ranks << " rank(s) against 1 rank");
  REQUIRE(a.size() == b.size());
  for (const auto& [path, stored] : a) {
    INFO("table " << path);
    REQUIRE(b.count(path) == 1);
    CHECK(stored.table == b.at(path).table);
    CHECK(stored.meta.stats == b.at(path).meta.stats);
    CHECK(stored.meta.params == b.at(path).meta.params);
    CHECK(stored.meta.description == b.at(path).meta.description);
  }
}

// Runs gold on 1, 2, ... world-size ranks over the same rows; rank 0 checks
// each gold.h5 against the reference and against the one of 1 rank.
void run_at_every_size(const std::vector<FactRow>& rows, const std::string& tag) {
  Comm world = Comm::world();
  const std::string dir = shared_temp_dir(world, tag);
  std::map<std::string, StoredTable> first;
  for (int ranks = 1; ranks <= world.size(); ++ranks) {
    const std::string lake = dir + "/np" + std::to_string(ranks);
    if (auto comm = first_ranks(world, ranks)) {
      write_silver(*comm, lake, rows);
      Context ctx{*comm, 1, {}};
      run_gold(ctx, GoldOptions{lake});
      REQUIRE(ctx.reports.size() == 1);
      CHECK(ctx.reports[0].rows_in == static_cast<long long>(rows.size()));
    }
    world.barrier();
    if (world.is_root()) {
      INFO(ranks << " rank(s), " << rows.size() << " rows");
      auto gold = read_gold(lake + "/gold.h5");
      check_against_reference(gold, rows);
      check_feature_attributes(lake + "/gold.h5");
      if (ranks == 1)
        first = std::move(gold);
      else
        check_same(gold, first, ranks);
    }
  }
  world.barrier();
  if (world.is_root()) fs::remove_all(dir);
}

}  // namespace

TEST_CASE("gold.h5 is the same at every number of ranks and matches the serial reference") {
  run_at_every_size(gold::testing::make_fact_rows(2500, 31), "sizes");
}

TEST_CASE("gold with a rank that has no rows, and with an empty fact table") {
  run_at_every_size(gold::testing::make_fact_rows(2, 32), "two");
  run_at_every_size({}, "empty");
}

TEST_CASE("a silver.h5 out of id order, or missing, stops every rank and writes no gold.h5") {
  Comm world = Comm::world();
  const std::string dir = shared_temp_dir(world, "bad");
  auto rows = gold::testing::make_fact_rows(300, 33);
  // Each half is sorted; at 2+ ranks only the boundary between shares breaks the order.
  std::rotate(rows.begin(), rows.begin() + 150, rows.end());
  write_silver(world, dir, rows);
  Context ctx{world, 1, {}};
  CHECK_THROWS_WITH_AS(run_gold(ctx, GoldOptions{dir}), doctest::Contains("ascending"),
                       CollectiveError);
  CHECK_THROWS_WITH_AS(run_gold(ctx, GoldOptions{dir + "/nowhere"}),
                       doctest::Contains("silver.h5 does not exist"), CollectiveError);
  // In order, but without the /campaigns that /advertiser_performance joins.
  const std::string no_campaigns = dir + "/no_campaigns";
  std::sort(rows.begin(), rows.end(),
            [](const FactRow& a, const FactRow& b) { return a.id_md5 < b.id_md5; });
  write_silver(world, no_campaigns, rows, false);
  CHECK_THROWS_WITH_AS(run_gold(ctx, GoldOptions{no_campaigns}),
                       doctest::Contains("has no table /campaigns"), CollectiveError);
  CHECK_FALSE(fs::exists(no_campaigns + "/gold.h5"));
  world.barrier();
  int entries = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 2);  // silver.h5 and the folder no_campaigns
  world.barrier();
  if (world.is_root()) fs::remove_all(dir);
}

// For tests/scripts/gold_*.sh: writes LAKE/silver.h5 of ADLAKE_GOLD_ROWS fixture rows.
TEST_CASE("write the silver fixture for the gold scripts" *
          doctest::skip(std::getenv("ADLAKE_GOLD_LAKE") == nullptr)) {
  Comm world = Comm::world();
  const char* n = std::getenv("ADLAKE_GOLD_ROWS");
  const auto rows = gold::testing::make_fact_rows(n ? std::stoul(n) : 5000, 41);
  write_silver(world, std::getenv("ADLAKE_GOLD_LAKE"), rows);
}
