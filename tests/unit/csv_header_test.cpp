// Header rows (CONTRACT 1) and input file discovery.
#include <doctest/doctest.h>

#include <array>
#include <string>
#include <string_view>

#include "adlake/core/error.hpp"
#include "adlake/core/log.hpp"
#include "adlake/csv/header.hpp"
#include "adlake/csv/input_files.hpp"
#include "adlake/csv/schema.hpp"
#include "csv_temp_dir.hpp"

using adlake::DataError;
using adlake::csv::InputFile;
using adlake::csv::list_entity_files;
using adlake::csv::map_header;

namespace {

constexpr std::array<std::string_view, 3> kClicks = {"id_md5", "ts", "is_install"};

std::string message_of(std::string_view line) {
  try {
    map_header(line, kClicks, "RAW/clicks/part-1.csv");
  } catch (const DataError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("header names are trimmed, case folded and found in any order") {
  const auto map = map_header(" IS_Install\t,Ts,  id_MD5 ", kClicks, "f.csv");
  CHECK(map.field_count == 3);
  CHECK(map.field_of_column == std::vector<std::size_t>{2, 1, 0});
  CHECK(map.extra_columns.empty());
}

TEST_CASE("a BOM and quoted names are accepted; extra columns are listed") {
  const auto map =
      map_header("\xEF\xBB\xBF\"id_md5\",extra,ts,\"Other, col\",is_install,", kClicks, "f.csv");
  CHECK(map.field_count == 6);
  CHECK(map.field_of_column == std::vector<std::size_t>{0, 2, 4});
  CHECK(map.extra_columns == std::vector<std::string>{"extra", "Other, col", ""});
}

TEST_CASE("a missing column is a DataError naming the file and the column") {
  const auto message = message_of("id_md5,ts,installed");
  CHECK(message.find("RAW/clicks/part-1.csv") != std::string::npos);
  CHECK(message.find("is_install") != std::string::npos);
}

TEST_CASE("no header, a malformed header or a repeated column is a DataError naming the file") {
  for (std::string_view line : {"", "  \t", "\xEF\xBB\xBF", "\"id_md5,ts,is_install",
                                "id_md5,ts,is_install,\xFF", "id_md5,ts,TS,is_install"}) {
    CAPTURE(line);
    CHECK(message_of(line).find("RAW/clicks/part-1.csv") != std::string::npos);
  }
  CHECK(message_of("id_md5,ts, Ts ,is_install").find("'ts'") != std::string::npos);
}

TEST_CASE("the schema has the contract's six entities and their columns") {
  const auto entities = adlake::csv::bronze_entities();
  REQUIRE(entities.size() == 6);
  CHECK(entities[0].name == "requests");
  CHECK(entities[0].columns.size() == 7);
  CHECK(entities[0].columns[6] == "ip");
  CHECK(adlake::csv::bronze_entity("app_metadata").columns.back() == "rating");
  CHECK_THROWS_AS(adlake::csv::bronze_entity("nope"), adlake::UsageError);
}

TEST_CASE("entity files: a folder of *.csv sorted by name, or one RAW/<entity>.csv") {
  adlake::test::CsvTempDir raw;
  raw.write("clicks/part-10.csv", "h\n");
  raw.write("clicks/part-02.csv", "h\nx\n");
  raw.write("clicks/B.csv", "");
  raw.write("clicks/notes.txt", "not csv");
  raw.write("clicks/.hidden.csv", "h\n");
  raw.write("campaigns.csv", "abc");
  const std::string root = raw.path().string();
  CHECK(list_entity_files(root, "clicks") == std::vector<InputFile>{{"clicks/B.csv", 0},
                                                                    {"clicks/part-02.csv", 4},
                                                                    {"clicks/part-10.csv", 2}});
  CHECK(list_entity_files(root, "campaigns") == std::vector<InputFile>{{"campaigns.csv", 3}});
}

TEST_CASE("entity files: bad inputs are DataErrors naming them") {
  adlake::test::CsvTempDir raw;
  const std::string root = raw.path().string();
  const auto message = [](auto&& call) -> std::string {
    try {
      call();
    } catch (const DataError& error) {
      return error.what();
    }
    return "";
  };
  CHECK(message([&] { list_entity_files(root + "/missing", "clicks"); }).find("missing") !=
        std::string::npos);
  CHECK(message([&] { list_entity_files(root, "clicks"); }).find("clicks") != std::string::npos);
  raw.write("clicks/readme.txt", "x");
  CHECK(message([&] { list_entity_files(root, "clicks"); }).find("clicks") != std::string::npos);
  std::filesystem::create_directories(raw.path() / "clicks" / "dir.csv");
  CHECK(message([&] { list_entity_files(root, "clicks"); }).find("dir.csv") != std::string::npos);
  std::filesystem::remove(raw.path() / "clicks" / "dir.csv");
  std::filesystem::create_symlink(raw.path() / "nowhere.csv", raw.path() / "clicks" / "link.csv");
  CHECK(message([&] { list_entity_files(root, "clicks"); }).find("link.csv") != std::string::npos);
  std::filesystem::remove(raw.path() / "clicks" / "link.csv");
  raw.write("clicks.csv", "h\n");
  raw.write("clicks/a.csv", "h\n");
  CHECK(message([&] { list_entity_files(root, "clicks"); }).find("ambiguous") != std::string::npos);
}

TEST_CASE("header names reach the log without control bytes") {
  CHECK(adlake::log_safe("plain name") == "plain name");
  CHECK(adlake::log_safe("a\x1b[2Jb\n\x7f\xc3\xa9") == "a\\x1b[2Jb\\x0a\\x7f\\xc3\\xa9");
  CHECK(adlake::log_safe(std::string(300, 'x')) == std::string(200, 'x') + "...");
  const std::string_view required[] = {"id"};
  const auto map = adlake::csv::map_header("id,\x1b]0;owned\x07", required, "f.csv");
  CHECK(map.extra_columns == std::vector<std::string>{"\\x1b]0;owned\\x07"});
}
