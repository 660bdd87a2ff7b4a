#include "adlake/forest/in_bag_rows.hpp"

#include <algorithm>

namespace adlake::forest {

InBagRows::InBagRows(const TrainingSet& data, const BootstrapDraws& draws, uint64_t tree_index) {
  const size_t n = data.rows();
  std::vector<uint8_t> d(n);
  size_t in_bag = 0;
  const uint64_t stream = draws.stream(tree_index);
  for (size_t r = 0; r < n; ++r) {
    d[r] = draws.at(stream, data.first_row + r);
    in_bag += d[r] != 0;
  }
  // Every row is written and only an in-bag one advances the cursor (one
  // slot more for the last write): whether a row is in the bag is random.
  rows_.resize(in_bag + 1);
  tags_.resize(in_bag + 1);
  size_t at = 0;
  for (size_t r = 0; r < n; ++r) {
    rows_[at] = static_cast<uint32_t>(r);
    tags_[at] = static_cast<uint8_t>(d[r] | (data.labels[r] << 7));
    at += d[r] != 0;
  }
  rows_.pop_back();
  tags_.pop_back();
}

namespace {

// Records ahead whose bins are fetched while this one is counted: a deep
// node's rows are sparse in the columns, so each bin read is a cache miss
// that the hardware prefetcher cannot foresee (the rows are indices). At 1M
// requests, 32 ahead took 20-30% fewer samples in accumulate and partition
// than 16, and 48 no fewer than 32.
constexpr size_t kPrefetchAhead = 32;

// K features in one pass: a record's row and tag are read once for all of
// them, and the K histograms are K independent chains of increments (a run
// of rows in one bin serialises the increments of one histogram). Packed:
// a bin is one word, negatives in the low half and positives in the high.
template <size_t K, bool Packed>
void accumulate_k(const uint32_t* rows, const uint8_t* tags, size_t begin, size_t end,
                  const uint8_t* const* columns, uint32_t* const* hists) {
  const uint8_t* col[K];
  uint32_t* hist[K];
  for (size_t k = 0; k < K; ++k) {
    col[k] = columns[k];
    hist[k] = hists[k];
  }
  for (size_t i = begin; i < end; ++i) {
    if (i + kPrefetchAhead < end) {
      const uint32_t ahead = rows[i + kPrefetchAhead];
      for (size_t k = 0; k < K; ++k) __builtin_prefetch(col[k] + ahead);
    }
    const uint32_t r = rows[i];
    const uint32_t tag = tags[i];
    const uint32_t label = tag >> 7, draws = tag & InBagRows::kMaxDraws;
    for (size_t k = 0; k < K; ++k) {
      if constexpr (Packed) {
        hist[k][col[k][r]] += draws << (16 * label);
      } else {
        hist[k][2 * col[k][r] + label] += draws;
      }
    }
  }
}

template <bool Packed>
void accumulate_all(const uint32_t* rows, const uint8_t* tags, size_t begin, size_t end,
                    std::span<const uint8_t* const> columns, std::span<uint32_t* const> hists) {
  size_t k = 0;
  for (; k + 4 <= columns.size(); k += 4)
    accumulate_k<4, Packed>(rows, tags, begin, end, &columns[k], &hists[k]);
  const uint8_t* const* c = columns.data() + k;
  uint32_t* const* h = hists.data() + k;
  switch (columns.size() - k) {
    case 3:
      accumulate_k<3, Packed>(rows, tags, begin, end, c, h);
      break;
    case 2:
      accumulate_k<2, Packed>(rows, tags, begin, end, c, h);
      break;
    case 1:
      accumulate_k<1, Packed>(rows, tags, begin, end, c, h);
      break;
    default:
      break;
  }
}

}  // namespace

void InBagRows::accumulate(std::span<const uint8_t* const> columns,
                           std::span<uint32_t* const> hists, size_t begin, size_t end,
                           bool packed) const {
  // The hot loop of growing: rows ascending, so each column is read forward.
  if (packed) {
    accumulate_all<true>(rows_.data(), tags_.data(), begin, end, columns, hists);
  } else {
    accumulate_all<false>(rows_.data(), tags_.data(), begin, end, columns, hists);
  }
}

std::pair<uint64_t, uint64_t> InBagRows::class_draws(size_t begin, size_t end) const {
  uint64_t counts[2] = {0, 0};
  for (size_t i = begin; i < end; ++i) counts[tags_[i] >> 7] += tags_[i] & kMaxDraws;
  return {counts[0], counts[1]};
}

size_t InBagRows::partition(size_t begin, size_t end, const uint8_t* column,
                            const uint8_t* goes_left) {
  // Every record is written to both outputs and only the matching cursor
  // advances: which side a record goes to is unpredictable, a branch on it
  // would be mispredicted half the time.
  thread_local std::vector<uint32_t> right_rows;
  thread_local std::vector<uint8_t> right_tags;
  right_rows.resize(std::max(right_rows.size(), end - begin));
  right_tags.resize(std::max(right_tags.size(), end - begin));
  uint32_t* rows = rows_.data();
  uint8_t* tags = tags_.data();
  uint32_t* out_rows = right_rows.data();
  uint8_t* out_tags = right_tags.data();
  size_t n_left = begin, n_right = 0;
  for (size_t i = begin; i < end; ++i) {
    if (i + kPrefetchAhead < end) __builtin_prefetch(column + rows[i + kPrefetchAhead]);
    const uint32_t r = rows[i];
    const uint8_t t = tags[i];
    const size_t left = goes_left[column[r]];
    rows[n_left] = r;
    tags[n_left] = t;
    out_rows[n_right] = r;
    out_tags[n_right] = t;
    n_left += left;
    n_right += 1 - left;
  }
  std::copy(right_rows.begin(), right_rows.begin() + n_right, rows_.begin() + n_left);
  std::copy(right_tags.begin(), right_tags.begin() + n_right, tags_.begin() + n_left);
  return n_left;
}

}  // namespace adlake::forest
