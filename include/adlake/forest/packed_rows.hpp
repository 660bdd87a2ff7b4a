#pragma once
// A tree's in-bag rows packed into fixed-size records (the row's bins, its
// label and its bootstrap draws), kept so that each node's rows are
// contiguous: partitioning a node moves the records, and building a
// histogram then streams through memory instead of gathering rows scattered
// over the whole matrix (the cache misses of that gather cost more than the
// histogram itself on 500k rows).
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "adlake/forest/binning.hpp"

namespace adlake::forest {

class PackedRows {
 public:
  // One record per row with draws[row] > 0, in row order. A row drawn more
  // than 255 times (never seen in practice) is split over several records.
  PackedRows(const BinnedMatrix& x, std::span<const uint8_t> labels,
             std::span<const uint32_t> draws);

  size_t size() const { return size_; }
  size_t features() const { return features_; }
  size_t words() const { return words_; }  // record size in 8-byte words

  const uint8_t* record(size_t i) const {
    return reinterpret_cast<const uint8_t*>(data_.data() + i * words_);
  }
  uint8_t label(size_t i) const { return record(i)[features_]; }
  uint8_t draws(size_t i) const { return record(i)[features_ + 1]; }

  // Stable partition of records [begin, end) by goes_left[bin of feature f]:
  // left records first. Returns the index of the first right record.
  size_t partition(size_t begin, size_t end, size_t feature, const uint8_t* goes_left);

 private:
  size_t features_ = 0, words_ = 0, size_ = 0;
  std::vector<uint64_t> data_, scratch_;
};

}  // namespace adlake::forest
