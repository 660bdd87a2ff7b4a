// Fingerprints, the run engine's skip/rebuild decisions and the catalog, with
// two small stand-in stages ("bronze" from files, "silver" from bronze.h5),
// at 1, 2 and 3 ranks.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "adlake/core/error.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/lineage/catalog.hpp"
#include "adlake/lineage/catalog_format.hpp"
#include "adlake/lineage/fingerprint.hpp"
#include "adlake/lineage/graph.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/summary.hpp"
#include "adlake/stages/run_steps.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// A stand-in stage: one table of `rows` rows (rank r writes its even share),
// stamped with `spec`'s fingerprint and published atomically.
void write_layer(Context& ctx, const std::string& lake, const std::string& name,
                 const lineage::FingerprintSpec& spec, int64_t rows,
                 std::vector<std::string> sources, bool fail = false) {
  const auto fingerprint = lineage::agree_fingerprint(spec, ctx.comm);
  h5::LayerFile layer(lake, name, ctx.comm);
  const auto [begin, count] = h5::even_share(rows, ctx.rank(), ctx.size());
  Table t;
  auto& id = t.add("id", std::vector<int64_t>{});
  auto& label = t.add("label", StringColumn{});
  for (int64_t i = begin; i < begin + count; ++i) {
    id.push_back(i);
    label.push_back("row" + std::to_string(i));
  }
  h5::TableMeta meta;
  meta.stage = spec.stage;
  meta.sources = std::move(sources);
  meta.params = spec.params;
  meta.stats = {
      {"requests", {{"rows_in", rows + 3}, {"rejects", {{"invalid_id", 2}}}, {"duplicates", 1}}}};
  h5::write_table(layer.file(), "/table", t, meta, ctx.comm);
  h5::write_run_attributes(layer.file(), ctx.comm);
  lineage::write_fingerprint(layer.file(), ctx.comm, fingerprint);
  collective_try(ctx.comm, [&] {
    if (fail && ctx.is_root()) throw DataError("stand-in stage failed on purpose");
  });
  layer.publish();
}

struct Pipeline {
  std::string raw, lake;
  int64_t silver_rows = 10;
  bool silver_fails = false;
  int bronze_runs = 0, silver_runs = 0;

  std::vector<RunStep> steps() {
    RunStep bronze{"bronze", lake + "/bronze.h5", {}, {}, {}};
    const lineage::FingerprintSpec bronze_spec{
        "bronze", {{"input", raw}, {"chunk", 4}}, {}, "", {raw + "/requests"}};
    bronze.spec = [bronze_spec] { return bronze_spec; };
    bronze.run = [this, spec = bronze_spec](Context& ctx) {
      ++bronze_runs;
      write_layer(ctx, lake, "bronze.h5", spec, 20, {"raw:requests/*.csv"});
    };
    RunStep silver{"silver", lake + "/silver.h5", {}, {}, {}};
    const lineage::FingerprintSpec silver_spec{
        "silver", {{"rows", silver_rows}}, {lake + "/bronze.h5"}, "", {}};
    silver.spec = [silver_spec] { return silver_spec; };
    silver.run = [this, spec = silver_spec](Context& ctx) {
      ++silver_runs;
      write_layer(ctx, lake, "silver.h5", spec, silver_rows, {"bronze.h5:/table"}, silver_fails);
    };
    return {bronze, silver};
  }
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("fingerprint: same recipe same hash; files, options and inputs change it") {
  Comm comm = Comm::world();
  const std::string dir = shared_temp_dir(comm, "fingerprint");
  if (comm.is_root()) {
    write_text(fs::path(dir) / "raw/requests/part-0.csv", "id_md5\n");
    const lineage::FingerprintSpec spec{
        "bronze", {{"input", dir}, {"chunk", 4}}, {}, "", {dir + "/raw/requests"}};
    const auto a = lineage::compute_fingerprint(spec);
    CHECK(a.hash.size() == 16);
    CHECK(lineage::compute_fingerprint(spec) == a);
    CHECK(a.recipe["files"].contains("requests/part-0.csv"));

    // Where the data is does not count.
    auto moved = spec;
    moved.params["input"] = "/elsewhere";
    CHECK(lineage::compute_fingerprint(moved) == a);

    auto other = spec;
    other.params["chunk"] = 8;
    const auto b = lineage::compute_fingerprint(other);
    CHECK_FALSE(b == a);
    CHECK(lineage::explain_change(a, b).find("chunk 4 -> 8") != std::string::npos);

    write_text(fs::path(dir) / "raw/requests/part-0.csv", "id_md5,ts\n");  // new size
    const auto c = lineage::compute_fingerprint(spec);
    CHECK_FALSE(c == a);
    CHECK(lineage::explain_change(a, c).find("requests/part-0.csv") != std::string::npos);

    write_text(fs::path(dir) / "raw/requests/part-1.csv", "id_md5,ts\n");  // a new file
    CHECK_FALSE(lineage::compute_fingerprint(spec) == c);

    // A missing optional folder is recorded, so its appearance counts.
    const lineage::FingerprintSpec truth{"train", {}, {}, "", {dir + "/raw/_truth"}};
    const auto without = lineage::compute_fingerprint(truth);
    write_text(fs::path(dir) / "raw/_truth/p.csv", "x\n");
    CHECK_FALSE(lineage::compute_fingerprint(truth) == without);

    // An output that is no HDF5 file keeps its fingerprint in a hidden sidecar.
    const std::string page = dir + "/lake/report.html";
    write_text(page, "<html></html>");
    CHECK_FALSE(lineage::read_fingerprint(page).has_value());
    lineage::write_fingerprint_file(page, c);
    CHECK(fs::exists(dir + "/lake/.report.html.fingerprint"));
    const auto back = lineage::read_fingerprint(page);
    REQUIRE(back.has_value());
    CHECK(*back == c);
    CHECK(back->recipe == c.recipe);

    // A missing upstream layer is an error that names it.
    const lineage::FingerprintSpec silver{"silver", {}, {dir + "/lake/bronze.h5"}, "", {}};
    CHECK_THROWS_WITH_AS(lineage::compute_fingerprint(silver),
                         doctest::Contains("bronze.h5 does not exist"), DataError);
  }
  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}

TEST_CASE("read_fingerprint: a layer or a sidecar that is a symbolic link is refused") {
  Comm comm = Comm::world();
  const fs::path dir = fs::temp_directory_path() / ("adlake-fp-link-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string page = (dir / "report.html").string();
  const std::string sidecar = lineage::sidecar_path(page);
  const fs::path other = dir / "planted.fingerprint";
  write_text(page, "<html>");
  write_text(other, R"({"fingerprint": "planted"})");
  lineage::write_fingerprint_file(page, {"abc", {{"stage", "report"}}});
  const auto fp = lineage::read_fingerprint(page);
  REQUIRE(fp);
  CHECK(fp->hash == "abc");
  // A sidecar replaced by a link to another file's fingerprint is not read.
  fs::remove(sidecar);
  fs::create_symlink(other, sidecar);
  CHECK_THROWS_WITH_AS(lineage::read_fingerprint(page), doctest::Contains("symbolic link"),
                       IoError);
  // Nor is the layer itself a link, whatever its sidecar says.
  fs::remove(sidecar);
  lineage::write_fingerprint_file(page, {"abc", {{"stage", "report"}}});
  fs::remove(page);
  fs::create_symlink(other, page);
  CHECK_THROWS_WITH_AS(lineage::read_fingerprint(page), doctest::Contains("symbolic link"),
                       IoError);
  fs::remove_all(dir);
  comm.barrier();
}

TEST_CASE("run_steps: builds, skips what is up to date, rebuilds what is stale") {
  Comm comm = Comm::world();
  Context ctx{comm, 1, {}};
  const std::string dir = shared_temp_dir(comm, "run-steps");
  Pipeline p{dir + "/raw", dir + "/lake"};
  if (comm.is_root()) write_text(fs::path(p.raw) / "requests/part-0.csv", "id_md5\n");
  comm.barrier();

  run_steps(ctx, p.steps(), {});
  CHECK(p.bronze_runs == 1);
  CHECK(p.silver_runs == 1);
  CHECK(ctx.reports.size() == 2);

  ctx.reports.clear();
  run_steps(ctx, p.steps(), {});  // nothing changed: both skipped
  CHECK(p.bronze_runs == 1);
  CHECK(p.silver_runs == 1);
  REQUIRE(ctx.reports.size() == 2);
  CHECK(ctx.reports[0].note.find("up to date") != std::string::npos);

  p.silver_rows = 12;  // silver's options change: only silver is rebuilt
  run_steps(ctx, p.steps(), {});
  CHECK(p.bronze_runs == 1);
  CHECK(p.silver_runs == 2);

  run_steps(ctx, p.steps(), {"silver", "silver", true});  // --from silver --force
  CHECK(p.bronze_runs == 1);
  CHECK(p.silver_runs == 3);

  // A changed raw file makes bronze stale; bronze is rebuilt with the same
  // fingerprint inputs for silver except bronze's, so silver is rebuilt too.
  if (comm.is_root()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    write_text(fs::path(p.raw) / "requests/part-0.csv", "id_md5,ts\n");
  }
  comm.barrier();
  run_steps(ctx, p.steps(), {"", "bronze", false});  // --to bronze
  CHECK(p.bronze_runs == 2);
  CHECK(p.silver_runs == 3);

  // A stage that fails leaves the published layer as it was, and no temp file.
  p.silver_fails = true;
  std::string before;
  if (comm.is_root()) before = file_bytes(p.lake + "/silver.h5");
  CHECK_THROWS_AS(run_steps(ctx, p.steps(), {}), CollectiveError);
  CHECK(p.silver_runs == 4);
  if (comm.is_root()) {
    CHECK(file_bytes(p.lake + "/silver.h5") == before);
    for (const auto& e : fs::directory_iterator(p.lake)) {
      CHECK(e.path().filename().string().rfind(".silver.h5.tmp", 0) == std::string::npos);
    }
  }
  p.silver_fails = false;  // the next run carries on from silver (stale: bronze changed)
  run_steps(ctx, p.steps(), {});
  CHECK(p.bronze_runs == 2);
  CHECK(p.silver_runs == 5);
  run_steps(ctx, p.steps(), {});
  CHECK(p.silver_runs == 5);

  CHECK_THROWS_AS(select_steps(p.steps(), {"gold", "", false}), UsageError);
  CHECK_THROWS_AS(select_steps(p.steps(), {"silver", "bronze", false}), UsageError);

  if (comm.is_root()) {
    const auto catalog = lineage::read_catalog(p.lake);
    REQUIRE(catalog.layers.size() == 2);
    CHECK(catalog.layers[0].name == "bronze.h5");
    CHECK(catalog.layers[0].fingerprint.has_value());
    REQUIRE(catalog.layers[1].tables.size() == 1);
    const auto& t = catalog.layers[1].tables[0];
    CHECK(t.rows == 12);
    CHECK(t.rejects == 2);
    CHECK(t.duplicates == 1);
    REQUIRE(t.columns.size() == 2);
    CHECK(t.columns[0].type == "int64");
    CHECK(t.columns[1].type == "S5");
    CHECK(catalog.missing == std::vector<std::string>{"gold.h5", "model.h5"});

    const auto graph = lineage::build_lineage(catalog);
    CHECK(graph.parents("silver.h5:/table") == std::vector<std::string>{"bronze.h5:/table"});
    CHECK(graph.parents("bronze.h5:/table") == std::vector<std::string>{"raw:requests/*.csv"});
    CHECK(graph.nodes[0].label == "requests/*.csv");
    const std::string text = lineage::catalog_text(catalog, graph);
    CHECK(text.find("raw requests/*.csv") != std::string::npos);
    CHECK(text.find("<- bronze.h5:/table") != std::string::npos);
    CHECK(lineage::lineage_dot(graph).find("\"bronze.h5:/table\" -> \"silver.h5:/table\"") !=
          std::string::npos);
    const auto json = lineage::catalog_json(catalog, graph);
    CHECK(json["layers"][1]["tables"][0]["sources"][0] == "bronze.h5:/table");
  }
  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}

TEST_CASE("summary: the slowest and fastest rank, and skipped stages") {
  Comm comm = Comm::world();
  Context ctx{comm, 1, {}};
  StageReport report;
  report.stage = "silver";
  report.rows_in = 100;
  record_stage(ctx, report, 1.0 + comm.rank());
  REQUIRE(ctx.reports.size() == 1);
  CHECK(ctx.reports[0].seconds == doctest::Approx(comm.size()));
  CHECK(ctx.reports[0].min_seconds == doctest::Approx(1.0));
  CHECK(ctx.reports[0].slowest_rank == comm.size() - 1);
  CHECK(ctx.reports[0].fastest_rank == 0);
  StageReport skipped;
  skipped.stage = "gold";
  skipped.note = "skipped: up to date";
  ctx.reports.push_back(skipped);
  const std::string table = format_summary(ctx);
  CHECK(table.find("gold       skipped: up to date") != std::string::npos);
  CHECK(table.find("slowest") != std::string::npos);
  // No input bytes reported: the MB/s column shows "-", not 0.0.
  CHECK(table.find(" - ") != std::string::npos);
}
