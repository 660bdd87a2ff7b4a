#include "adlake/forest/packed_rows.hpp"

#include <algorithm>

namespace adlake::forest {

PackedRows::PackedRows(const BinnedMatrix& x, std::span<const uint8_t> labels,
                       std::span<const uint32_t> draws)
    : features_(x.features), words_((x.features + 2 + 7) / 8) {
  for (size_t r = 0; r < x.rows; ++r) size_ += (draws[r] + 254) / 255;
  data_.assign(size_ * words_, 0);
  scratch_.resize(size_ * words_);
  size_t i = 0;
  for (size_t r = 0; r < x.rows; ++r) {
    for (uint32_t left = draws[r]; left > 0; ++i) {
      const uint32_t d = std::min<uint32_t>(left, 255);
      auto* rec = reinterpret_cast<uint8_t*>(data_.data() + i * words_);
      std::memcpy(rec, x.row(r), features_);
      rec[features_] = labels[r];
      rec[features_ + 1] = static_cast<uint8_t>(d);
      left -= d;
    }
  }
}

size_t PackedRows::partition(size_t begin, size_t end, size_t feature, const uint8_t* goes_left) {
  // Every record is written to both outputs and only the matching cursor
  // advances: which side a record goes to is unpredictable, a branch on it
  // would be mispredicted half the time.
  const size_t w = words_;
  uint64_t* out_left = data_.data() + begin * w;
  uint64_t* out_right = scratch_.data();
  for (size_t i = begin; i < end; ++i) {
    const uint64_t* rec = data_.data() + i * w;
    const size_t left = goes_left[reinterpret_cast<const uint8_t*>(rec)[feature]];
    for (size_t k = 0; k < w; ++k) {
      const uint64_t v = rec[k];  // read first: out_left may be rec itself
      out_left[k] = v;
      out_right[k] = v;
    }
    out_left += left * w;
    out_right += (1 - left) * w;
  }
  const size_t n_left = static_cast<size_t>(out_left - data_.data()) / w;
  std::copy(scratch_.data(), out_right, out_left);
  return n_left;
}

}  // namespace adlake::forest
