#pragma once
// Which rank owns a row (the "partition" step of partition -> exchange ->
// local kernel). Both partitions are by RANGE, so rank order is key order and
// the ranks' sorted slices, written in rank order, make one sorted table whose
// datasets do not depend on the number of ranks (CONTRACT 5).
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/clean/id_md5.hpp"
#include "adlake/clean/string_value.hpp"

namespace adlake::silver {

// Rank r of `ranks` owns the ids whose first 64 bits lie in
// [r * 2^64 / ranks, (r + 1) * 2^64 / ranks): equal ranges, balanced because
// MD5s are uniform.
int id_owner(const clean::IdMd5& id, int ranks);

// String keys (dimension keys) split into contiguous ranges by splitters:
// rank r owns [splitter[r-1], splitter[r]) (open-ended at both ends).
class KeyRanges {
 public:
  KeyRanges() = default;  // one rank owns everything
  explicit KeyRanges(std::vector<clean::Id> splitters);
  int owner(const clean::Id& key) const;
  int ranks() const { return static_cast<int>(splitters_.size()) + 1; }
  const std::vector<clean::Id>& splitters() const { return splitters_; }

  // Splitters at the quantiles of a sample of the keys (duplicates allowed,
  // any order): ranks - 1 of them, ascending; equal quantiles leave a rank an
  // empty range, which is allowed.
  static KeyRanges from_sample(std::vector<clean::Id> sample, int ranks);

 private:
  std::vector<clean::Id> splitters_;
};

// Up to `count` keys spread evenly over `keys`, for from_sample.
std::vector<clean::Id> spread_sample(std::span<const clean::Id> keys, std::size_t count);

}  // namespace adlake::silver
