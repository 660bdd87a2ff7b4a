#pragma once
// Decides which noise variants a row gets. In random mode each decision fires
// with probability rate * scale. In coverage mode (the first rows of the first
// part of each entity, when noise is on) the decisions of a row are laid end to
// end and row j fires exactly the j-th one: the first rows then show every
// variant once, so every kind of CONTRACT section 2 occurs even in small outputs.
#include <cstdint>

#include "adlake/gen/rng.hpp"

namespace adlake::gen {

class NoisePicker {
 public:
  // coverage_index < 0: random mode.
  NoisePicker(Rng& rng, double rate, int64_t coverage_index)
      : rng_(rng), rate_(rate), coverage_(coverage_index) {}

  // A variant index in [0, n), or -1 for none.
  int pick(int n, double scale = 1.0) {
    if (coverage_ >= 0) {
      const int64_t at = coverage_ - offset_;
      offset_ += n;
      return at >= 0 && at < n ? static_cast<int>(at) : -1;
    }
    if (rate_ <= 0.0 || !rng_.chance(rate_ * scale)) return -1;
    return static_cast<int>(rng_.below(static_cast<uint64_t>(n)));
  }

  // A yes/no decision (a pick among one).
  bool decide(double scale = 1.0) { return pick(1, scale) == 0; }

  // In coverage mode a structural variant emits all its sub-forms at once.
  bool covering() const { return coverage_ >= 0; }
  double rate() const { return rate_; }
  Rng& rng() { return rng_; }

 private:
  Rng& rng_;
  double rate_;
  int64_t coverage_;
  int64_t offset_ = 0;
};

// Rows of the first part of each entity that run in coverage mode.
constexpr int64_t kCoverageRows = 400;

inline int64_t coverage_index(double noise, uint64_t part, uint64_t row) {
  return noise > 0.0 && part == 0 && row < static_cast<uint64_t>(kCoverageRows)
             ? static_cast<int64_t>(row)
             : -1;
}

}  // namespace adlake::gen
