#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "adlake/gen/csv_writer.hpp"
#include "gen_contract_reference.hpp"

using namespace adlake::gen;

namespace {

std::vector<std::string> lines_of(const std::string& text, bool crlf) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(start, nl - start);
    if (crlf && !line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
    start = nl + 1;
  }
  return out;
}

Row sample_row() {
  Row r;
  r.reset(3);
  r.field[0] = "abc";
  r.field[1] = "Smith, \"Jr\"";
  r.field[2] = "42";
  return r;
}

}  // namespace

TEST_CASE("every cosmetic form of a field reads back to its value after trimming") {
  for (std::string_view v : {"plain", "with, comma", "with \"quotes\"", ""}) {
    for (int c = 0; c < static_cast<int>(Cosmetic::kCount); ++c) {
      std::string line;
      append_field(line, v, static_cast<Cosmetic>(c));
      INFO("form " << c << ": [" << line << "]");
      const gen_ref::Split s = gen_ref::split_line(line, 1);
      REQUIRE(s.reason.empty());
      CHECK(gen_ref::trim(s.fields[0]) == v);
    }
  }
}

TEST_CASE("file styles: BOM, CRLF, reordered and extra columns, no final newline") {
  const std::string_view names[] = {"id", "name", "n"};
  FileStyle style;
  style.columns = 3;
  style.order = {2, 0, 1};
  style.bom = true;
  style.crlf = true;
  style.final_newline = false;
  style.extra_position = 1;
  std::string out;
  CsvWriter w(out, style, names);
  w.write(sample_row());
  w.finish();
  REQUIRE(out.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(out.back() != '\n');
  const auto lines = lines_of(out.substr(3), true);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "n,ingest_host,id,name");
  const gen_ref::Split row = gen_ref::split_line(lines[1], 4);
  REQUIRE(row.reason.empty());
  CHECK(row.fields[0] == "42");
  CHECK(row.fields[2] == "abc");
  CHECK(row.fields[3] == "Smith, \"Jr\"");
}

TEST_CASE("each malformed kind gives the reject reason the contract names") {
  const std::string_view names[] = {"id", "name", "n"};
  FileStyle style;
  style.columns = 3;
  style.order = {0, 1, 2};
  const char* expected[] = {"field_count",      "field_count",      "unterminated_quote",
                            "field_too_long",   "field_too_long",   "invalid_encoding",
                            "invalid_encoding", "invalid_encoding", "invalid_encoding"};
  static_assert(std::size(expected) == static_cast<size_t>(Malformed::kCount));
  for (int k = 0; k < static_cast<int>(Malformed::kCount); ++k) {
    std::string out;
    CsvWriter w(out, style, names);
    w.write_malformed(sample_row(), static_cast<Malformed>(k));
    w.finish();
    const auto lines = lines_of(out, false);
    REQUIRE(lines.size() == 2);
    INFO("kind " << k);
    CHECK(gen_ref::split_line(lines[1], 3).reason == expected[k]);
  }
}

TEST_CASE("blank lines are blank and duplicates are released later") {
  const std::string_view names[] = {"id", "name", "n"};
  FileStyle style;
  style.columns = 3;
  style.order = {0, 1, 2};
  style.crlf = true;
  std::string out;
  CsvWriter w(out, style, names);
  for (int k = 0; k < static_cast<int>(Blank::kCount); ++k) w.write_blank(static_cast<Blank>(k));
  w.write_later(sample_row());
  w.write(sample_row());
  w.finish();
  const auto lines = lines_of(out, false);
  REQUIRE(lines.size() == 1 + static_cast<size_t>(Blank::kCount) + 2);
  for (int k = 0; k < static_cast<int>(Blank::kCount); ++k) CHECK(gen_ref::is_blank(lines[1 + k]));
  CHECK(lines[lines.size() - 1] == lines[lines.size() - 2]);
  CHECK(w.data_lines() == static_cast<uint64_t>(Blank::kCount) + 2);
}
