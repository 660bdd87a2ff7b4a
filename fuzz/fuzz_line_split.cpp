// Fuzzes bronze's parallel read plan (csv/byte_split.hpp, csv/line_reader.hpp):
// whatever the rank count and read chunk size, the lines the ranks own,
// concatenated in rank order, are exactly the file's physical lines (without
// LF or CRLF), each once, at its true offset. Input: ranks, chunk size, then
// the file's bytes.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/csv/byte_split.hpp"
#include "adlake/csv/line_reader.hpp"
#include "fuzz_check.hpp"

namespace {

struct Line {
  std::uint64_t offset;
  std::string text;
  bool operator==(const Line&) const = default;
};

std::vector<Line> reference_lines(std::string_view content) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  while (begin < content.size()) {
    const std::size_t lf = content.find('\n', begin);
    const std::size_t stop = lf == std::string_view::npos ? content.size() : lf;
    std::string_view line = content.substr(begin, stop - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({begin, std::string(line)});
    begin = stop + 1;
  }
  return lines;
}

const std::string& scratch_path() {
  static const std::string path =
      (std::getenv("TMPDIR") ? std::string(std::getenv("TMPDIR")) : std::string("/tmp")) +
      "/adlake-fuzz-line-split-" + std::to_string(getpid()) + ".csv";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const int ranks = 1 + data[0] % 5;
  const std::size_t chunk = 1 + data[1] % 64;
  const std::string_view content(reinterpret_cast<const char*>(data + 2), size - 2);
  {
    std::FILE* f = std::fopen(scratch_path().c_str(), "wb");
    FUZZ_CHECK(f != nullptr);
    FUZZ_CHECK(std::fwrite(content.data(), 1, content.size(), f) == content.size());
    std::fclose(f);
  }
  const std::vector<std::uint64_t> sizes{content.size()};
  std::vector<Line> seen;
  for (int rank = 0; rank < ranks; ++rank) {
    for (const auto& segment : adlake::csv::split_files(sizes, rank, ranks)) {
      FUZZ_CHECK(segment.file == 0 && segment.begin < segment.end);
      adlake::csv::RangeLineReader reader(scratch_path(), content.size(), segment.begin,
                                          segment.end, chunk);
      std::string_view line;
      while (reader.next(line)) {
        FUZZ_CHECK(reader.line_offset() >= segment.begin && reader.line_offset() < segment.end);
        seen.push_back({reader.line_offset(), std::string(line)});
      }
    }
  }
  FUZZ_CHECK(seen == reference_lines(content));
  std::remove(scratch_path().c_str());
  return 0;
}
