#pragma once
// A tree's in-bag rows of this process while it grows: each row's index and
// a tag (its bootstrap draws, and its label in the top bit), kept so that
// each node's rows are contiguous. Partitioning a node is stable, so a node's
// rows stay ascending and building a histogram reads a feature's column
// forward through memory (5 bytes a row per tree instead of a copy of the
// row's bins, so many trees can grow at once).
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/forest/tree_builder.hpp"

namespace adlake::forest {

class InBagRows {
 public:
  static constexpr uint8_t kLabelBit = 0x80;
  static constexpr uint8_t kMaxDraws = 0x7f;

  // The local rows of `data` that tree `tree_index` draws at least once.
  InBagRows(const TrainingSet& data, const BootstrapDraws& draws, uint64_t tree_index);

  size_t size() const { return rows_.size(); }
  uint32_t row(size_t i) const { return rows_[i]; }
  uint8_t draws(size_t i) const { return tags_[i] & kMaxDraws; }
  uint8_t label(size_t i) const { return tags_[i] >> 7; }

  // hists[k][2 * bin + label] += draws over records [begin, end), the bin
  // read from columns[k] (a feature's bins of every local row); the features
  // are counted in one pass. Packed, for a node of fewer than 2^16 draws in
  // all (so that no sum of counts reaches the high half): hists[k][bin] +=
  // draws << (16 * label), half the words to sum over the ranks.
  void accumulate(std::span<const uint8_t* const> columns, std::span<uint32_t* const> hists,
                  size_t begin, size_t end, bool packed = false) const;

  // Draws of each class over records [begin, end): {negatives, positives}.
  std::pair<uint64_t, uint64_t> class_draws(size_t begin, size_t end) const;

  // Stable partition of records [begin, end) by goes_left[column[row]]:
  // left records first. Returns the index of the first right record. Calls
  // on disjoint ranges may run on different threads at once.
  size_t partition(size_t begin, size_t end, const uint8_t* column, const uint8_t* goes_left);

 private:
  std::vector<uint32_t> rows_;
  std::vector<uint8_t> tags_;
};

}  // namespace adlake::forest
