// The byte-range split and the range line reader: whatever the number of
// ranks and the read chunk size, every physical line of every file is read by
// exactly one rank, in order, and its line number follows from the per-file
// line counts of the ranks before (an exclusive scan).
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/csv/byte_split.hpp"
#include "adlake/csv/line_reader.hpp"
#include "csv_temp_dir.hpp"

using adlake::csv::FileSegment;
using adlake::csv::RangeLineReader;
using adlake::csv::split_files;

namespace {

std::string without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return std::string(line);
}

// The physical lines of a whole file, read naively.
std::vector<std::string> reference_lines(std::string_view content) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < content.size()) {
    const std::size_t lf = content.find('\n', at);
    if (lf == std::string_view::npos) {
      lines.push_back(without_cr(content.substr(at)));
      break;
    }
    lines.push_back(without_cr(content.substr(at, lf - at)));
    at = lf + 1;
  }
  return lines;
}

struct OwnedLine {
  std::string text;
  bool header = false;
};

// What one rank reads: per file, the lines it owns in order.
std::vector<std::vector<OwnedLine>> read_as_rank(const std::vector<std::string>& paths,
                                                 const std::vector<std::uint64_t>& sizes, int rank,
                                                 int ranks, std::size_t chunk) {
  std::vector<std::vector<OwnedLine>> owned(paths.size());
  // One buffer lent to every reader of the rank, as bronze does: what a file
  // left in it (a line longer than a chunk grew it) must not leak into the next.
  std::vector<char> buffer;
  for (const FileSegment& segment : split_files(sizes, rank, ranks)) {
    RangeLineReader reader(paths[segment.file], sizes[segment.file], segment.begin, segment.end,
                           chunk, buffer);
    std::string_view line;
    while (reader.next(line)) {
      owned[segment.file].push_back({std::string(line), reader.line_offset() == 0});
    }
  }
  return owned;
}

void check_every_line_read_once(const std::vector<std::string>& contents) {
  adlake::test::CsvTempDir dir;
  std::vector<std::string> paths;
  std::vector<std::uint64_t> sizes;
  for (std::size_t i = 0; i < contents.size(); ++i) {
    paths.push_back(dir.write(std::to_string(i) + ".csv", contents[i]));
    sizes.push_back(contents[i].size());
  }
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7},
                            std::size_t{64}, RangeLineReader::kDefaultChunkBytes}) {
    for (int ranks = 1; ranks <= 13; ++ranks) {
      CAPTURE(chunk);
      CAPTURE(ranks);
      std::vector<std::vector<std::vector<OwnedLine>>> by_rank;
      for (int rank = 0; rank < ranks; ++rank) {
        by_rank.push_back(read_as_rank(paths, sizes, rank, ranks, chunk));
      }
      for (std::size_t file = 0; file < contents.size(); ++file) {
        CAPTURE(file);
        const auto expected = reference_lines(contents[file]);
        // Line numbers from the exclusive scan of per-file line counts.
        std::vector<std::string> got(expected.size());
        std::size_t before = 0;
        for (int rank = 0; rank < ranks; ++rank) {
          const auto& mine = by_rank[static_cast<std::size_t>(rank)][file];
          for (std::size_t k = 0; k < mine.size(); ++k) {
            const std::size_t line_number = before + k + 1;
            REQUIRE(line_number <= expected.size());
            CHECK(mine[k].header == (line_number == 1));
            got[line_number - 1] = mine[k].text;
          }
          before += mine.size();
        }
        CHECK(before == expected.size());
        CHECK(got == expected);
      }
    }
  }
}

}  // namespace

TEST_CASE("rank byte ranges cover the input exactly once") {
  for (std::uint64_t total : {0ULL, 1ULL, 5ULL, 1000ULL, 1ULL << 62}) {
    for (int ranks = 1; ranks <= 7; ++ranks) {
      std::uint64_t expected_first = 0;
      for (int rank = 0; rank < ranks; ++rank) {
        const auto [first, last] = adlake::csv::rank_byte_range(total, rank, ranks);
        CHECK(first == expected_first);
        CHECK(first <= last);
        CHECK(last - first <= total / static_cast<unsigned>(ranks) + 1);
        expected_first = last;
      }
      CHECK(expected_first == total);
    }
  }
}

TEST_CASE("split_files cuts the concatenated files, skipping empty ones") {
  const std::vector<std::uint64_t> sizes = {4, 0, 6};
  CHECK(split_files(sizes, 0, 1) == std::vector<FileSegment>{{0, 0, 4}, {2, 0, 6}});
  CHECK(split_files(sizes, 0, 2) == std::vector<FileSegment>{{0, 0, 4}, {2, 0, 1}});
  CHECK(split_files(sizes, 1, 2) == std::vector<FileSegment>{{2, 1, 6}});
  CHECK(split_files(sizes, 0, 20).empty());
  CHECK(split_files(std::vector<std::uint64_t>{0, 0}, 0, 1).empty());
}

TEST_CASE("LF, CRLF, blank lines and no final newline") {
  check_every_line_read_once({"h\na\nb\n", "h\r\na,b\r\n\r\n  \r\nlast", "h\nx\r"});
}

TEST_CASE("empty files, header-only files and files of blank lines") {
  check_every_line_read_once({"", "id,ts", "id,ts\n", "\n\n\n", "", "\r\n", "h\n\n"});
}

TEST_CASE("lines longer than the range and the read chunk") {
  const std::string long_line(10000, 'x');
  check_every_line_read_once({"h\n" + long_line + "\nshort\n" + long_line, long_line});
}

TEST_CASE("random files") {
  std::mt19937 random(20240601);
  const std::string alphabet = "ab,\"\n\n\r ";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, 60);
  std::vector<std::string> contents;
  for (int file = 0; file < 5; ++file) {
    std::string content;
    const std::size_t n = length(random);
    for (std::size_t i = 0; i < n; ++i) content += alphabet[pick(random)];
    contents.push_back(content);
  }
  check_every_line_read_once(contents);
}

TEST_CASE("the first line of a file") {
  adlake::test::CsvTempDir dir;
  CHECK(adlake::csv::read_first_line(dir.write("a.csv", "id,ts\r\nx,y\n")) == "id,ts");
  CHECK(adlake::csv::read_first_line(dir.write("b.csv", "")) == "");
  const std::string long_header(5000, 'h');
  CHECK(adlake::csv::read_first_line(dir.write("c.csv", long_header)) == long_header);
  CHECK(adlake::csv::read_first_line(dir.write("d.csv", long_header + "\nz")) == long_header);
  CHECK_THROWS_AS(adlake::csv::read_first_line((dir.path() / "none.csv").string()),
                  adlake::IoError);
}

TEST_CASE("a file shorter than planned is an IoError") {
  adlake::test::CsvTempDir dir;
  const auto path = dir.write("a.csv", "h\nabc");
  RangeLineReader reader(path, 100, 0, 100, 4);
  std::string_view line;
  CHECK_THROWS_AS(
      [&] {
        while (reader.next(line)) {
        }
      }(),
      adlake::IoError);
}
