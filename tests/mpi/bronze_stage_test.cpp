// The bronze stage at the ctest world sizes (1, 2, 3 ranks): every case checks
// the written tables against values that do not depend on the rank count, so
// passing at each size means bronze.h5 is the same whatever the ranks.
#include <doctest/doctest.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/csv/record_parser.hpp"
#include "adlake/csv/schema.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/context.hpp"
#include "adlake/stages/bronze.hpp"

using namespace adlake;
namespace fs = std::filesystem;

namespace {

// A scratch folder made by rank 0 and known to every rank.
class SharedDir {
 public:
  explicit SharedDir(const Comm& comm) : comm_(comm) {
    if (comm.is_root()) {
      std::string pattern = (fs::temp_directory_path() / "adlake-bronze-XXXXXX").string();
      if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
      path_ = pattern;
    }
    broadcast(comm, path_);
  }
  SharedDir(const SharedDir&) = delete;
  SharedDir& operator=(const SharedDir&) = delete;
  ~SharedDir() {
    MPI_Barrier(comm_.get());
    std::error_code ignored;
    if (comm_.is_root()) fs::remove_all(path_, ignored);
  }
  std::string path(const std::string& relative = "") const {
    return relative.empty() ? path_ : (fs::path(path_) / relative).string();
  }

 private:
  const Comm& comm_;
  std::string path_;
};

// Writes the files on rank 0; every rank sees them after the barrier.
void write_files(const Comm& comm, const std::string& root,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  if (comm.is_root()) {
    for (const auto& [relative, bytes] : files) {
      const fs::path path = fs::path(root) / relative;
      fs::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary)
          .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
  }
  comm.barrier();
}

// Minimal valid files of every entity, so a case can focus on one of them.
std::vector<std::pair<std::string, std::string>> other_entities() {
  return {
      {"impressions.csv", "id_md5,ts,campaign_id,slot,win_price\ni1,1,c1,2,0.5\n"},
      {"clicks.csv", "id_md5,ts,is_install\nk1,1,yes\n"},
      {"user_profiles.csv", "user_id,age,gender,state,interest,updated_at\nu1,30,m,CA,news,1\n"},
      {"campaigns.csv", "campaign_id,advertiser,campaign_type,category,bid\nc1,ad,CPC,news,1\n"},
      {"app_metadata.csv", "app_id,app_name,genre,rating\na1,App,news,4.5\n"}};
}

struct ExpectedRow {
  std::vector<std::string> values;
  std::int32_t file;
  std::int64_t line;
};

struct ExpectedReject {
  std::int32_t file;
  std::int64_t line;
  std::string reason;
  std::string raw;
};

// Rank 0 reads a table back and compares it with the expected rows.
void check_table(const h5::File& file, const std::string& entity,
                 const std::vector<ExpectedRow>& rows, const std::vector<ExpectedReject>& rejects) {
  const auto& columns = csv::bronze_entity(entity).columns;
  const Table table = h5::read_table(file, "/" + entity, 0, h5::table_rows(file, "/" + entity));
  REQUIRE(table.rows() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      CHECK(table.strings(columns[c]).at(i) == rows[i].values[c]);
    }
    CHECK(table.values<std::int32_t>("_file")[i] == rows[i].file);
    CHECK(table.values<std::int64_t>("_line")[i] == rows[i].line);
  }
  const std::string path = "/_rejects/" + entity;
  const Table bad = h5::read_table(file, path, 0, h5::table_rows(file, path));
  REQUIRE(bad.rows() == rejects.size());
  for (std::size_t i = 0; i < rejects.size(); ++i) {
    CAPTURE(i);
    CHECK(bad.values<std::int32_t>("file")[i] == rejects[i].file);
    CHECK(bad.values<std::int64_t>("line")[i] == rejects[i].line);
    CHECK(bad.enums("reason").label(i) == rejects[i].reason);
    CHECK(bad.strings("raw").at(i) == rejects[i].raw);
  }
}

nlohmann::json stats_of(const h5::File& file, const std::string& table) {
  return nlohmann::json::parse(h5::read_table_meta(file, table).stats.dump());
}

// CONTRACT 2.2: data lines = rows + rejects + blank lines, for every file.
void check_conservation(const h5::File& file) {
  for (const auto& schema : csv::bronze_entities()) {
    const std::string entity(schema.name);
    const auto stats = stats_of(file, "/" + entity);
    std::int64_t rows = 0;
    std::int64_t rejects = 0;
    for (const auto& f : stats.at("files")) {
      std::int64_t file_rejects = 0;
      for (const auto& [reason, n] : f.at("rejects").items()) file_rejects += n.get<std::int64_t>();
      CHECK(f.at("data_lines").get<std::int64_t>() == f.at("rows").get<std::int64_t>() +
                                                          file_rejects +
                                                          f.at("blank_lines").get<std::int64_t>());
      rows += f.at("rows").get<std::int64_t>();
      rejects += file_rejects;
    }
    CHECK(stats.at("rows_out").get<std::int64_t>() == rows);
    CHECK(h5::table_rows(file, "/" + entity) == rows);
    CHECK(h5::table_rows(file, "/_rejects/" + entity) == rejects);
  }
}

// Runs `checks` on rank 0 only. Nothing may escape it: a rank that left the
// test case early would leave the others waiting in the next collective call.
template <class F>
void on_root(const Comm& comm, F&& checks) {
  if (comm.is_root()) {
    try {
      checks();
    } catch (const std::exception& error) {
      FAIL_CHECK(error.what());
    } catch (...) {
      FAIL_CHECK("a check on rank 0 threw");
    }
  }
  comm.barrier();
}

BronzeOptions options_for(const SharedDir& dir, std::size_t chunk) {
  BronzeOptions options;
  options.input = dir.path("raw");
  options.lake = dir.path("lake");
  options.read_chunk_bytes = chunk;
  return options;
}

}  // namespace

TEST_CASE("bronze: every malformed kind, CRLF, BOM, blank lines, quotes, header-only file") {
  spdlog::set_level(spdlog::level::warn);
  Comm comm = Comm::world();
  Context ctx{comm, 1, {}};
  SharedDir dir(comm);
  const std::string too_long(csv::kMaxFieldBytes + 1, 'x');
  // Columns reordered, case and spaces in names, an extra column, a BOM, CRLF.
  const std::string part_a =
      "\xEF\xBB\xBFIP, id_md5 ,TS,user_id,app_id,device_type,os,Extra\r\n"  // 1
      "1.2.3.4,aaa,2024-01-01,u1,app1,phone,ios,x\r\n"                      // 2 row
      "\r\n"                                                                // 3 blank
      "\"5.6.7.8\",\"b,b\",\"t \"\"q\"\"\",u2,app2,\"tab\"let,  os ,y\r\n"  // 4 row
      "short,line\r\n"                                                      // 5 field_count
      "1,\"unterminated,3,4,5,6,7,8\r\n"                                    // 6 unterminated_quote
      "\xFF,a,b,c,d,e,f,g\r\n"                                              // 7 invalid_encoding
      + too_long +
      ",a,b,c,d,e,f,g\r\n"          // 8 field_too_long
      " \t \r\n"                    // 9 blank
      "9.9.9.9,last,ts,u,a,d,o,e";  // 10 row, no final LF
  auto files = other_entities();
  files.push_back({"raw/requests/part-a.csv", part_a});
  files.push_back({"raw/requests/part-b.csv", "id_md5,ts,user_id,app_id,device_type,os,ip\n"});
  files.push_back({"raw/requests/part-c.csv",
                   "id_md5,ts,user_id,app_id,device_type,os,ip\n"
                   "c1,t,u,a,d,o,i\n\n\n"});
  for (auto& [path, bytes] : files) {
    if (path.rfind("raw/", 0) != 0) path = "raw/" + path;
  }
  write_files(comm, dir.path(), files);

  for (std::size_t chunk : {std::size_t{5}, BronzeOptions{}.read_chunk_bytes}) {
    CAPTURE(chunk);
    run_bronze(ctx, options_for(dir, chunk));
    on_root(comm, [&] {
      const auto file = h5::File::open_read(dir.path("lake/bronze.h5"));
      check_table(file, "requests",
                  {{{"aaa", "2024-01-01", "u1", "app1", "phone", "ios", "1.2.3.4"}, 0, 2},
                   {{"b,b", "t \"q\"", "u2", "app2", "tablet", "  os ", "5.6.7.8"}, 0, 4},
                   {{"last", "ts", "u", "a", "d", "o", "9.9.9.9"}, 0, 10},
                   {{"c1", "t", "u", "a", "d", "o", "i"}, 2, 2}},
                  {{0, 5, "field_count", "short,line"},
                   {0, 6, "unterminated_quote", "1,\"unterminated,3,4,5,6,7,8"},
                   {0, 7, "invalid_encoding", "\xFF,a,b,c,d,e,f,g"},
                   {0, 8, "field_too_long", too_long + ",a,b,c,d,e,f,g"}});
      // /_files: requests' three files first (name order), then the others.
      const Table paths = h5::read_table(file, "/_files", 0, h5::table_rows(file, "/_files"));
      REQUIRE(paths.rows() == 8);
      CHECK(paths.strings("path").at(0) == "requests/part-a.csv");
      CHECK(paths.strings("path").at(1) == "requests/part-b.csv");
      CHECK(paths.strings("path").at(2) == "requests/part-c.csv");
      CHECK(paths.strings("path").at(3) == "impressions.csv");
      check_table(file, "clicks", {{{"k1", "1", "yes"}, 4, 2}}, {});
      const auto stats = stats_of(file, "/requests");
      CHECK(stats.at("rows_out") == 4);
      const auto& a = stats.at("files").at(0);
      CHECK(a.at("path") == "requests/part-a.csv");
      CHECK(a.at("data_lines") == 9);
      CHECK(a.at("rows") == 3);
      CHECK(a.at("blank_lines") == 2);
      for (const char* reason :
           {"invalid_encoding", "unterminated_quote", "field_count", "field_too_long"}) {
        CHECK(a.at("rejects").at(reason) == 1);
      }
      const auto& b = stats.at("files").at(1);
      CHECK(b.at("data_lines") == 0);
      CHECK(b.at("rows") == 0);
      const auto& c = stats.at("files").at(2);
      CHECK(c.at("data_lines") == 3);
      CHECK(c.at("blank_lines") == 2);
      check_conservation(file);
    });
  }
}

namespace {

// Random clicks lines of every kind, LF or CRLF, with or without a final LF.
std::string random_clicks_file(std::mt19937& random, int lines) {
  std::string out = "id_md5,ts,is_install\n";
  std::uniform_int_distribution<int> kind(0, 99);
  const auto hex = [&] {
    std::string id;
    for (int i = 0; i < 32; ++i) id += "0123456789abcdef"[random() % 16];
    return id;
  };
  for (int i = 0; i < lines; ++i) {
    const int k = kind(random);
    std::string line;
    if (k < 60)
      line = hex() + "," + std::to_string(random() % 2000000000) + ",yes";
    else if (k < 70)
      line = "\"" + hex() + "\",\"17 \"\"quoted\"\", with comma\",no";
    else if (k < 76)
      line = std::string(random() % 3, ' ') + (random() % 2 ? "\t" : "");
    else if (k < 82)
      line = hex() + ",only two";
    else if (k < 88)
      line = hex() + ",\"open,1";
    else if (k < 94)
      line = hex() + ",\xC3\x28,1";
    else if (k < 97)
      line = hex() + "," + std::string(csv::kMaxFieldBytes + 1 + random() % 50, '9') + ",1";
    else
      line = "\"" + hex() + "\"tail,2,\"\"";
    out += line;
    if (i + 1 < lines || random() % 2) out += random() % 3 == 0 ? "\r\n" : "\n";
  }
  return out;
}

// The naive serial reading of a whole file: what bronze must produce.
void expect_file(const std::string& content, std::int32_t file_index,
                 std::vector<ExpectedRow>& rows, std::vector<ExpectedReject>& rejects) {
  csv::RecordParser parser;
  if (content.find('\n') == std::string::npos) return;  // a header and nothing else
  std::size_t at = content.find('\n') + 1;
  for (std::int64_t line_number = 2; at < content.size(); ++line_number) {
    std::size_t lf = content.find('\n', at);
    if (lf == std::string::npos) lf = content.size();
    std::string line = content.substr(at, lf - at);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    at = lf + 1;
    if (csv::is_blank_line(line)) continue;
    if (const auto reason = parser.parse(line, 3)) {
      rejects.push_back(
          {file_index, line_number, std::string(csv::reject_reason_name(*reason)), line});
    } else {
      rows.push_back({{parser.fields().begin(), parser.fields().end()}, file_index, line_number});
    }
  }
}

}  // namespace

TEST_CASE("bronze: random input over several files equals the serial reading") {
  spdlog::set_level(spdlog::level::warn);
  Comm comm = Comm::world();
  Context ctx{comm, 1, {}};
  SharedDir dir(comm);
  std::mt19937 random(42);
  std::vector<std::pair<std::string, std::string>> files;
  for (auto [path, bytes] : other_entities()) {
    if (path != "clicks.csv") files.push_back({"raw/" + path, bytes});
  }
  files.push_back({"raw/requests.csv", "id_md5,ts,user_id,app_id,device_type,os,ip\n"});
  const std::vector<std::string> clicks = {random_clicks_file(random, 700), "id_md5,ts,is_install",
                                           random_clicks_file(random, 1),
                                           random_clicks_file(random, 900)};
  for (std::size_t i = 0; i < clicks.size(); ++i) {
    files.push_back({"raw/clicks/part-" + std::to_string(i) + ".csv", clicks[i]});
  }
  write_files(comm, dir.path(), files);
  std::vector<ExpectedRow> rows;
  std::vector<ExpectedReject> rejects;
  // /_files order: requests, impressions, then clicks (CONTRACT 1 order).
  for (std::size_t i = 0; i < clicks.size(); ++i) {
    expect_file(clicks[i], static_cast<std::int32_t>(2 + i), rows, rejects);
  }
  REQUIRE(rejects.size() > 50);
  for (std::size_t chunk : {std::size_t{64}, BronzeOptions{}.read_chunk_bytes}) {
    CAPTURE(chunk);
    run_bronze(ctx, options_for(dir, chunk));
    on_root(comm, [&] {
      const auto file = h5::File::open_read(dir.path("lake/bronze.h5"));
      check_table(file, "clicks", rows, rejects);
      check_conservation(file);
    });
  }
}

namespace {

std::string failure_of(Context& ctx, const BronzeOptions& options) {
  try {
    run_bronze(ctx, options);
  } catch (const CollectiveError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("bronze: bad input ends the job on every rank and leaves the lake as it was") {
  spdlog::set_level(spdlog::level::off);
  Comm comm = Comm::world();
  Context ctx{comm, 1, {}};
  SharedDir dir(comm);
  std::vector<std::pair<std::string, std::string>> good = {{"lake/bronze.h5", "an older layer"}};
  for (const auto& [path, bytes] : other_entities()) good.push_back({"raw/" + path, bytes});
  good.push_back({"raw/requests/part-0.csv", "id_md5,ts,user_id,app_id,device_type,os,ip\n"});

  const auto check_untouched = [&] {
    on_root(comm, [&] {
      std::ifstream in(dir.path("lake/bronze.h5"), std::ios::binary);
      CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "an older layer");
      std::size_t entries = 0;
      for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path("lake"))) ++entries;
      CHECK(entries == 1);  // no temporary file left behind
    });
  };
  const auto reset = [&](const std::vector<std::pair<std::string, std::string>>& extra) {
    if (comm.is_root()) fs::remove_all(dir.path("raw"));
    comm.barrier();
    auto files = good;
    files.insert(files.end(), extra.begin(), extra.end());
    write_files(comm, dir.path(), files);
  };
  auto options = options_for(dir, BronzeOptions{}.read_chunk_bytes);

  SUBCASE("missing input folder") {
    reset({});
    options.input = dir.path("no-such-raw");
    CHECK(failure_of(ctx, options).find("no-such-raw") != std::string::npos);
  }
  SUBCASE("an entity without files") {
    reset({});
    if (comm.is_root()) fs::remove(dir.path("raw/app_metadata.csv"));
    comm.barrier();
    CHECK(failure_of(ctx, options).find("app_metadata") != std::string::npos);
  }
  SUBCASE("a file without a header") {
    reset({{"raw/requests/part-1.csv", ""}});
    CHECK(failure_of(ctx, options).find("requests/part-1.csv") != std::string::npos);
  }
  SUBCASE("a file that cannot be read") {
    reset({});
    if (comm.is_root()) {
      fs::create_symlink(dir.path("nowhere.csv"), dir.path("raw/requests/part-2.csv"));
    }
    comm.barrier();
    CHECK(failure_of(ctx, options).find("part-2.csv") != std::string::npos);
  }
  SUBCASE("a missing column") {
    reset({{"raw/requests/part-3.csv", "id_md5,ts,user_id,app_id,device_type,ip\nx,1,u,a,d,i\n"}});
    const auto message = failure_of(ctx, options);
    CHECK(message.find("requests/part-3.csv") != std::string::npos);
    CHECK(message.find("'os'") != std::string::npos);
  }
  SUBCASE("the good input works") {
    reset({});
    run_bronze(ctx, options);
    on_root(comm, [&] {
      const auto file = h5::File::open_read(dir.path("lake/bronze.h5"));
      CHECK(h5::table_rows(file, "/requests") == 0);
      check_conservation(file);
    });
    return;
  }
  check_untouched();
}
