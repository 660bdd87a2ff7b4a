#pragma once
// The parallel read plan of an entity: the bytes of all its files,
// concatenated in name order, are cut into one contiguous range per rank. A
// rank owns the lines that begin in its range (and finishes the last one past
// its end), so every line has exactly one owner whatever the rank count.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace adlake::csv {

// Bytes [begin, end) of file `file` (an index into the sizes given) that
// belong to one rank's range.
struct FileSegment {
  std::size_t file = 0;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;

  bool operator==(const FileSegment&) const = default;
};

// The global byte range [first, last) of `rank` out of `ranks` over `total`
// bytes: equal shares, the remainder spread over the higher ranks.
std::pair<std::uint64_t, std::uint64_t> rank_byte_range(std::uint64_t total, int rank, int ranks);

// The pieces of the files (sizes in name order) that fall in `rank`'s range,
// in file order. Empty files and files outside the range give no segment.
std::vector<FileSegment> split_files(std::span<const std::uint64_t> file_sizes, int rank,
                                     int ranks);

}  // namespace adlake::csv
