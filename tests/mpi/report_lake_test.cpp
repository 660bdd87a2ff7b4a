// The report stage on a small lake written here in the contract's layout
// (CONTRACT 2.4, 3, 4, 5): rank 0 renders, the other ranks only agree on
// errors; a missing layer becomes a note, not a failure. The fixture is also
// written on request (ADLAKE_REPORT_FIXTURE=DIR) for tests/scripts/report_render.sh.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/context.hpp"
#include "adlake/report/memory_estimate.hpp"
#include "adlake/stages/report.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
namespace fs = std::filesystem;

namespace {

// Rank 0 holds every row of the small tables; the others write none.
bool root_rows(const Comm& comm) {
  return comm.is_root();
}

h5::TableMeta meta(const std::string& stage, std::vector<std::string> sources,
                   nlohmann::json stats = nlohmann::json::object()) {
  h5::TableMeta m;
  m.stage = stage;
  m.sources = std::move(sources);
  m.params = {{"lake", "fixture"}};
  m.stats = std::move(stats);
  return m;
}

const std::vector<std::string> kEntities = {"requests",      "impressions", "clicks",
                                            "user_profiles", "campaigns",   "app_metadata"};

void write_bronze(const std::string& lake, const Comm& comm) {
  h5::LayerFile layer(lake, "bronze.h5", comm);
  for (size_t e = 0; e < kEntities.size(); ++e) {
    const std::string& entity = kEntities[e];
    const int64_t rows = 100 * static_cast<int64_t>(e + 1);
    const int64_t malformed = static_cast<int64_t>(e);  // field_count
    const int64_t blank = 1;
    nlohmann::json files = nlohmann::json::array();
    files.push_back({{"path", entity + "/part-0.csv"},
                     {"data_lines", rows + malformed + blank},
                     {"rows", rows},
                     {"blank_lines", blank},
                     {"rejects", {{"field_count", malformed}, {"invalid_encoding", 0}}}});
    Table t;
    auto& line = t.add("_line", std::vector<int64_t>{});
    if (root_rows(comm)) {
      for (int64_t i = 0; i < rows; ++i) line.push_back(i + 2);
    }
    h5::write_table(
        layer.file(), "/" + entity, t,
        meta("bronze", {entity + "/part-0.csv"}, {{"files", files}, {"rows_out", rows}}), comm);
    Table rejects;
    auto& reason = rejects.add("reason", StringColumn{});
    if (root_rows(comm)) {
      for (int64_t i = 0; i < malformed; ++i) reason.push_back("field_count");
    }
    h5::write_table(layer.file(), "/_rejects/" + entity, rejects,
                    meta("bronze", {entity + "/part-0.csv"}), comm);
  }
  h5::write_run_attributes(layer.file(), comm,
                           {{"stages",
                             {{{"stage", "bronze"},
                               {"seconds", 2.5},
                               {"min_seconds", 2.0},
                               {"slowest_rank", 1},
                               {"fastest_rank", 0},
                               {"rows_in", 2100},
                               {"rows_out", 2100},
                               {"rejects", 15}}}}});
  layer.publish();
}

nlohmann::json silver_entry(int64_t rows_in, int64_t invalid, int64_t duplicates) {
  return {{"rows_in", rows_in},
          {"rejects", {{"invalid_timestamp", invalid}}},
          {"duplicates", duplicates},
          {"rows_out", rows_in - invalid - duplicates}};
}

void write_silver(const std::string& lake, const Comm& comm) {
  h5::LayerFile layer(lake, "silver.h5", comm);
  Table fact;
  auto& ts = fact.add("ts", std::vector<int64_t>{});
  if (root_rows(comm)) ts.assign(90, 1700000000);
  h5::write_table(
      layer.file(), "/fact_ad_funnel", fact,
      meta("silver", {"bronze.h5:/requests", "bronze.h5:/impressions", "bronze.h5:/clicks"},
           {{"requests", silver_entry(100, 4, 6)},
            {"impressions", silver_entry(200, 2, 8)},
            {"clicks", silver_entry(300, 1, 37)}}),
      comm);
  const std::vector<std::pair<std::string, std::string>> dims = {
      {"/users", "user_profiles"}, {"/campaigns", "campaigns"}, {"/apps", "app_metadata"}};
  for (size_t d = 0; d < dims.size(); ++d) {
    Table t;
    auto& key = t.add("key", StringColumn{});
    if (root_rows(comm)) key.push_back("k");
    const int64_t rows_in = 100 * static_cast<int64_t>(d + 4);
    h5::write_table(layer.file(), dims[d].first, t,
                    meta("silver", {"bronze.h5:/" + dims[d].second},
                         {{dims[d].second, silver_entry(rows_in, 0, rows_in - 1)}}),
                    comm);
  }
  layer.publish();
}

// The aggregates of CONTRACT 3.2 with exact, hand-checkable numbers.
void write_gold(const std::string& lake, const Comm& comm) {
  h5::LayerFile layer(lake, "gold.h5", comm);
  const bool root = root_rows(comm);
  const std::vector<std::string> source = {"silver.h5:/fact_ad_funnel"};
  {
    Table t;
    auto& state = t.add("user_state", EnumColumn{{"CA", "NY", "TX", "UNK", "WA"}, {}});
    auto& req = t.add("requests", std::vector<int64_t>{});
    auto& imp = t.add("impressions", std::vector<int64_t>{});
    auto& clk = t.add("clicks", std::vector<int64_t>{});
    auto& ins = t.add("installs", std::vector<int64_t>{});
    auto& rev = t.add("revenue_micros", std::vector<int64_t>{}, "micros of USD");
    auto& ctr = t.add("ctr", std::vector<double>{});
    auto& ecpm = t.add("ecpm_micros", std::vector<double>{});
    if (root) {
      const int64_t imps[] = {400, 300, 200, 50, 50}, clicks[] = {40, 15, 30, 1, 4};
      const int64_t revenue[] = {9'876'543'210, 2'500'000, 123'450'000, 1'000, 7'000'000};
      for (uint8_t i = 0; i < 5; ++i) {
        state.codes.push_back(i);
        req.push_back(imps[i] + 10);
        imp.push_back(imps[i]);
        clk.push_back(clicks[i]);
        ins.push_back(clicks[i] / 5);
        rev.push_back(revenue[i]);
        ctr.push_back(static_cast<double>(clicks[i]) / static_cast<double>(imps[i]));
        ecpm.push_back(static_cast<double>(revenue[i]) * 1000 / static_cast<double>(imps[i]));
      }
    }
    h5::write_table(layer.file(), "/revenue_by_state", t, meta("gold", source), comm);
  }
  {
    Table t;
    auto& type = t.add("campaign_type", EnumColumn{{"CPC", "CPI", "CPM"}, {}});
    auto& campaigns = t.add("campaigns", std::vector<int64_t>{});
    for (const char* c : {"impressions", "clicks", "installs", "revenue_micros", "spend_micros"}) {
      t.add(c, std::vector<int64_t>{});
    }
    for (const char* c : {"ctr", "cvr", "ecpm_micros"}) t.add(c, std::vector<double>{});
    if (root) {
      for (uint8_t i = 0; i < 3; ++i) {
        const int64_t imp = 300 + 10 * i, clk = 30 - 5 * i, ins = 3 + i, rev = 1'000'000 * (i + 1);
        type.codes.push_back(i);
        campaigns.push_back(4 + i);
        t.values<int64_t>("impressions").push_back(imp);
        t.values<int64_t>("clicks").push_back(clk);
        t.values<int64_t>("installs").push_back(ins);
        t.values<int64_t>("revenue_micros").push_back(rev);
        t.values<int64_t>("spend_micros").push_back(rev / 2);
        t.values<double>("ctr").push_back(static_cast<double>(clk) / static_cast<double>(imp));
        t.values<double>("cvr").push_back(static_cast<double>(ins) / static_cast<double>(clk));
        t.values<double>("ecpm_micros")
            .push_back(static_cast<double>(rev) * 1000 / static_cast<double>(imp));
      }
    }
    h5::write_table(layer.file(), "/campaign_type_performance", t, meta("gold", source), comm);
  }
  {
    Table t;
    auto& key = t.add("is_affinity_match", std::vector<uint8_t>{});
    auto& imp = t.add("impressions", std::vector<int64_t>{});
    auto& clk = t.add("clicks", std::vector<int64_t>{});
    auto& ctr = t.add("ctr", std::vector<double>{});
    if (root) {
      key = {0, 1};
      imp = {800, 200};
      clk = {40, 20};
      ctr = {0.05, 0.10};
    }
    h5::write_table(layer.file(), "/affinity_performance", t, meta("gold", source), comm);
  }
  {
    Table t;
    auto& adv = t.add("advertiser", StringColumn{});
    for (const char* c :
         {"campaigns", "impressions", "clicks", "installs", "revenue_micros", "spend_micros"}) {
      t.add(c, std::vector<int64_t>{});
    }
    auto& ctr = t.add("ctr", std::vector<double>{});
    if (root) {
      for (int i = 0; i < 20; ++i) {
        // A name with markup: the page must show it as text.
        adv.push_back(i == 2 ? "<b>Acme & \"Sons\"</b>" : "advertiser-" + std::to_string(i));
        t.values<int64_t>("campaigns").push_back(1 + i % 3);
        t.values<int64_t>("impressions").push_back(100 + i);
        t.values<int64_t>("clicks").push_back(5 + i % 7);
        t.values<int64_t>("installs").push_back(i % 2);
        t.values<int64_t>("revenue_micros").push_back(1'000'000LL * ((i * 7) % 20 + 1));
        t.values<int64_t>("spend_micros").push_back(500'000LL * (i + 1));
        ctr.push_back(static_cast<double>(5 + i % 7) / (100 + i));
      }
    }
    h5::write_table(layer.file(), "/advertiser_performance", t, meta("gold", source), comm);
  }
  {
    Table t;
    auto& hour = t.add("hour_of_day", std::vector<uint8_t>{});
    auto& imp = t.add("impressions", std::vector<int64_t>{});
    auto& clk = t.add("clicks", std::vector<int64_t>{});
    auto& ctr = t.add("ctr", std::vector<double>{});
    auto& rev = t.add("revenue_micros", std::vector<int64_t>{});
    if (root) {
      for (uint8_t h = 0; h < 24; ++h) {
        hour.push_back(h);
        imp.push_back(40 + h);
        clk.push_back(2 + h % 5);
        ctr.push_back(static_cast<double>(2 + h % 5) / (40 + h));
        rev.push_back(100'000LL * h);
      }
    }
    h5::write_table(layer.file(), "/hourly_performance", t, meta("gold", source), comm);
  }
  {
    Table t;
    for (const char* c : {"requests", "impressions", "clicks", "installs", "revenue_micros"}) {
      t.add(c, std::vector<int64_t>{});
    }
    for (const char* c : {"fill_rate", "ctr", "cvr"}) t.add(c, std::vector<double>{});
    if (root) {
      t.values<int64_t>("requests").push_back(1050);
      t.values<int64_t>("impressions").push_back(1000);
      t.values<int64_t>("clicks").push_back(90);
      t.values<int64_t>("installs").push_back(17);
      t.values<int64_t>("revenue_micros").push_back(10'009'451'210);
      t.values<double>("fill_rate").push_back(1000.0 / 1050);
      t.values<double>("ctr").push_back(0.09);
      t.values<double>("cvr").push_back(17.0 / 90);
    }
    h5::write_table(layer.file(), "/funnel_summary", t, meta("gold", source), comm);
  }
  {
    Table t;
    auto& label = t.add("is_click", std::vector<uint8_t>{});
    if (root) label = {0, 1, 0};
    h5::write_table(layer.file(), "/features", t, meta("gold", source), comm);
  }
  h5::write_run_attributes(layer.file(), comm);
  layer.publish();
}

// metrics.json in the shape src/stages/train.cpp writes (CONTRACT 4), by hand.
void write_metrics(const std::string& lake) {
  nlohmann::json roc = nlohmann::json::array(), pr = nlohmann::json::array(),
                 calibration = nlohmann::json::array();
  for (int i = 0; i <= 20; ++i) {
    const double x = i / 20.0;
    roc.push_back({{"fpr", x}, {"tpr", std::sqrt(x)}, {"threshold", 1 - x}});
    pr.push_back({{"recall", x}, {"precision", 0.6 - 0.45 * x}, {"threshold", 1 - x}});
  }
  for (int d = 0; d < 10; ++d) {
    calibration.push_back({{"rows", 100},
                           {"min_pctr", 0.04 + 0.08 * d},
                           {"max_pctr", 0.06 + 0.08 * d},
                           {"mean_pctr", 0.05 + 0.08 * d},
                           {"observed_rate", 0.02 + 0.03 * d}});
  }
  const auto point = [](double threshold, double p, double r, double f1, nlohmann::json cm) {
    return nlohmann::json{{"threshold", threshold},
                          {"precision", p},
                          {"recall", r},
                          {"f1", f1},
                          {"confusion_matrix", cm}};
  };
  const nlohmann::json m = {
      {"model", "adlake random forest"},
      {"scores", "roc_auc on score; calibration on pctr"},
      {"rows", 200},
      {"positive_rate", 0.089},
      {"roc_auc", 0.7712},
      {"pr_auc", 0.3021},
      {"log_loss", 0.4123},
      {"brier", 0.1234},
      {"mean_pctr", 0.0912},
      {"oracle_auc", 0.8345},
      {"feature_oracle_auc", 0.7789},
      {"gap_to_feature_oracle", 0.0077},
      {"n_train", 800},
      {"n_test", 200},
      {"train_positive_rate", 0.091},
      {"test_positive_rate", 0.089},
      {"train_seconds", 12.5},
      {"at_0_5", point(0.5, 0.31, 0.42, 0.357, {{150, 30}, {12, 8}})},
      {"at_best_f1", point(0.62, 0.35, 0.40, 0.373, {{160, 20}, {12, 8}})},
      {"params", {{"n_estimators", 100}, {"max_depth", 0}, {"class_weight", "balanced"}}},
      {"feature_importances",
       {{"impurity", {{"hour_of_day", 0.2}, {"user_state", 0.35}, {"slot", 0.05}}},
        {"permutation",
         {{"hour_of_day", {{"mean", 0.01}, {"std", 0.002}}},
          {"user_state", {{"mean", 0.04}, {"std", 0.003}}},
          {"slot", {{"mean", -0.001}, {"std", 0.001}}}}},
        {"permutation_rows", 200},
        {"permutation_scoring", "roc_auc drop on the test split"}}},
      {"roc_curve", roc},
      {"pr_curve", pr},
      {"calibration_deciles", calibration},
      {"run", {{"ranks", 2}, {"threads", 1}, {"seconds", {{"read", 0.5}, {"bin", 0.25}}}}}};
  std::ofstream(fs::path(lake) / "metrics.json") << m.dump(2);
}

void write_fixture_lake(const std::string& lake, const Comm& comm, bool with_model) {
  write_bronze(lake, comm);
  write_silver(lake, comm);
  write_gold(lake, comm);
  if (with_model && comm.is_root()) write_metrics(lake);
  comm.barrier();
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("report on a whole lake: every section drawn from its numbers") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "report");
  write_fixture_lake(lake, comm, true);
  Context ctx{comm, 1, {}};
  run_report(ctx, {lake, ""});
  if (comm.is_root()) {
    const std::string html = read_text(fs::path(lake) / "report.html");
    CHECK(html.find("not available") == std::string::npos);
    // The funnel's own numbers, formatted for people.
    CHECK(html.find("$10,009.45") != std::string::npos);
    CHECK(html.find("1,050") != std::string::npos);
    // Revenue by state sorted: CA ($9,876.54) first in the table.
    CHECK(html.find("<td>CA</td><td class=\"num\">$9,876.54</td>") != std::string::npos);
    // The affinity lift 0.10 / 0.05.
    CHECK(html.find("Affinity lift: 2.00x") != std::string::npos);
    // Data quality: counts add up and the click-fraud count is shown.
    CHECK(html.find("<b>37</b> of 299 valid click rows") != std::string::npos);
    CHECK(html.find("NO: off by") == std::string::npos);
    // The model's AUC beside the oracles'.
    CHECK(html.find("0.7712") != std::string::npos);
    CHECK(html.find("0.7789") != std::string::npos);
    CHECK(html.find("0.8345") != std::string::npos);
    CHECK(html.find("-0.0077") != std::string::npos);  // model - feature oracle
    CHECK(html.find("bin 0.25 s, read 0.50 s") != std::string::npos);
    CHECK(html.find("<td>at_best_f1</td><td class=\"num\">0.6200</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\">160</td><td class=\"num\">20</td>") != std::string::npos);
    CHECK(html.find("mean_pctr") != std::string::npos);  // other numbers are listed
    // Stage timings with the slowest rank.
    CHECK(html.find("2.50 (rank 1)") != std::string::npos);
    // Each layer's bytes on disk (the fixture's layers have no fingerprint: no CSV figure).
    for (const char* layer : {"bronze.h5", "silver.h5", "gold.h5"}) {
      const auto bytes = fs::file_size(fs::path(lake) / layer);
      CHECK(html.find("<td>" + std::string(layer) + "</td><td class=\"num\">" +
                      std::to_string(bytes) + "</td>") != std::string::npos);
    }
    // Markup in data is text, never markup.
    CHECK(html.find("<b>Acme") == std::string::npos);
    CHECK(html.find("&lt;b&gt;Acme &amp; &quot;Sons&quot;&lt;/b&gt;") != std::string::npos);
    // Self-contained: no script, no URL to load.
    CHECK(html.find("<script") == std::string::npos);
    for (const char* attr : {"src=\"", "href=\""}) {
      for (const char* scheme : {"//", "http://", "https://"}) {
        CHECK(html.find(std::string(attr) + scheme) == std::string::npos);
      }
    }
    // Every chart has marks: 2 tile maps, funnel, rejects, 4 campaign-type bars, advertisers,
    // hourly, affinity, AUC bars, ROC, PR, calibration, 2 importances, timings, lineage, bytes.
    const size_t charts = count(html, "<svg class=\"chart\"");
    CHECK(charts == 20);
    CHECK(html.find("Bytes on disk of each layer beside the raw CSV it holds") !=
          std::string::npos);
    // Plain searches, not std::regex: libstdc++'s regex recurses per
    // character and overflows the stack on a whole page under ASan.
    size_t charts_with_marks = 0;
    for (size_t at = html.find("<svg class=\"chart\""); at != std::string::npos;
         at = html.find("<svg class=\"chart\"", at + 1)) {
      const size_t end = html.find("</svg>", at);
      REQUIRE(end != std::string::npos);
      if (html.substr(at, end - at).find("class=\"mark") != std::string::npos) ++charts_with_marks;
    }
    CHECK(charts_with_marks == charts);
    fs::remove_all(lake);
  }
  comm.barrier();
}

TEST_CASE("report on a lake without the model: the model section says what to run") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "report-nomodel");
  write_fixture_lake(lake, comm, false);
  Context ctx{comm, 1, {}};
  // As in adlake run: the stages before the report left their reports in ctx.
  StageReport silver;
  silver.stage = "silver";
  silver.rows_in = 4321;
  silver.seconds = 3.0;
  silver.min_seconds = 1.5;
  ctx.reports.push_back(silver);
  run_report(ctx, {lake, lake + "/elsewhere.html"});
  if (comm.is_root()) {
    CHECK(!fs::exists(fs::path(lake) / "report.html"));
    const std::string html = read_text(fs::path(lake) / "elsewhere.html");
    CHECK(html.find("not available: metrics.json is missing: run adlake train") !=
          std::string::npos);
    CHECK(html.find("Affinity lift") != std::string::npos);
    // This job's stage timings win over those stored in the layers.
    CHECK(html.find("3.00 s, fastest 1.50 s") != std::string::npos);
    CHECK(html.find("<td>4,321</td>") == std::string::npos);
    CHECK(html.find("<td class=\"num\">4,321</td>") != std::string::npos);
    CHECK(html.find("2.50 (rank 1)") == std::string::npos);
    fs::remove_all(lake);
  }
  comm.barrier();
}

TEST_CASE("report on a folder that does not exist fails on every rank alike") {
  Comm comm = Comm::world();
  Context ctx{comm, 1, {}};
  CHECK_THROWS_AS(run_report(ctx, {"/nonexistent/adlake-lake", ""}), CollectiveError);
}

TEST_CASE("report: the memory bound per rank is checked before a byte is read") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "report-memory");
  write_fixture_lake(lake, comm, true);
  Context ctx{comm, 1, {}};
  ctx.max_memory_per_rank = 4096;  // less than metrics.json alone
  std::string message;
  try {
    run_report(ctx, {lake, ""});
  } catch (const CollectiveError& e) {
    message = e.what();
  }
  // Every rank stops with the bound's own message, and nothing is written.
  CHECK(message.find("report: reading " + lake) != std::string::npos);
  CHECK(message.find("above the memory limit of 4.0 KiB per rank (--max-memory-per-rank)") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(lake) / "report.html"));

  ctx.max_memory_per_rank = std::uint64_t{256} << 20;
  run_report(ctx, {lake, ""});
  if (comm.is_root()) {
    // The estimate bounds the page it draws and counts metrics.json parsed.
    report::Lake opened(lake);
    const std::uint64_t estimate = report::memory_estimate(opened);
    CHECK(estimate >= fs::file_size(fs::path(lake) / "report.html"));
    CHECK(estimate >= 9 * fs::file_size(fs::path(lake) / "metrics.json"));
  }
  comm.barrier();
}

TEST_CASE("report: a metrics.json that is a symbolic link is refused, its target never read") {
  Comm comm = Comm::world();
  const std::string lake = shared_temp_dir(comm, "report-link");
  const std::string elsewhere = shared_temp_dir(comm, "report-link-target");
  write_fixture_lake(lake, comm, true);
  if (comm.is_root()) {
    // Not JSON: a parse error would quote the bytes it read.
    std::ofstream(fs::path(elsewhere) / "secret.txt") << "SECRET-0451 not json";
    fs::remove(fs::path(lake) / "metrics.json");
    fs::create_symlink(fs::path(elsewhere) / "secret.txt", fs::path(lake) / "metrics.json");
  }
  comm.barrier();
  Context ctx{comm, 1, {}};
  std::string message;
  try {
    run_report(ctx, {lake, ""});
  } catch (const CollectiveError& e) {
    message = e.what();
  }
  CHECK(message.find("metrics.json is a symbolic link") != std::string::npos);
  CHECK(message.find("SECRET") == std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(lake) / "report.html"));
}

TEST_CASE("write the report fixture lake" *
          doctest::skip(std::getenv("ADLAKE_REPORT_FIXTURE") == nullptr)) {
  Comm comm = Comm::world();
  const std::string lake = std::getenv("ADLAKE_REPORT_FIXTURE");
  if (comm.is_root()) fs::create_directories(lake);
  comm.barrier();
  write_fixture_lake(lake, comm, true);
}
