#include "adlake/csv/byte_split.hpp"

#include <algorithm>

namespace adlake::csv {

std::pair<std::uint64_t, std::uint64_t> rank_byte_range(std::uint64_t total, int rank, int ranks) {
  // 128-bit products: total * rank overflows 64 bits for large inputs.
  const auto cut = [&](int r) {
    return static_cast<std::uint64_t>(static_cast<unsigned __int128>(total) *
                                      static_cast<unsigned>(r) / static_cast<unsigned>(ranks));
  };
  return {cut(rank), cut(rank + 1)};
}

std::vector<FileSegment> split_files(std::span<const std::uint64_t> file_sizes, int rank,
                                     int ranks) {
  std::uint64_t total = 0;
  for (auto size : file_sizes) total += size;
  const auto [first, last] = rank_byte_range(total, rank, ranks);
  std::vector<FileSegment> segments;
  std::uint64_t file_start = 0;
  for (std::size_t file = 0; file < file_sizes.size(); ++file) {
    const std::uint64_t file_end = file_start + file_sizes[file];
    const std::uint64_t begin = std::max(first, file_start);
    const std::uint64_t end = std::min(last, file_end);
    if (begin < end) segments.push_back({file, begin - file_start, end - file_start});
    file_start = file_end;
  }
  return segments;
}

}  // namespace adlake::csv
