#include "adlake/forest/possible_bins.hpp"

#include <cstddef>

namespace adlake::forest {

PossibleBins::PossibleBins(const std::vector<int>& n_bins) : bits_(n_bins.size(), Bits{}) {
  for (std::size_t f = 0; f < n_bins.size(); ++f) {
    for (int b = 0; b < n_bins[f]; ++b) bits_[f][b >> 6] |= uint64_t{1} << (b & 63);
  }
}

bool PossibleBins::constant(int32_t feature) const {
  // At most one bit set in all, without a population count (the build
  // targets x86-64 without the popcnt instruction).
  int words = 0;
  bool single = true;
  for (const uint64_t word : bits_[feature]) {
    words += word != 0;
    single &= (word & (word - 1)) == 0;
  }
  return words == 0 || (words == 1 && single);
}

void PossibleBins::seen(int32_t feature, const uint32_t* hist, int n_bins) {
  Bits nonempty{};
  for (int b = 0; b < n_bins; ++b) {
    nonempty[b >> 6] |= uint64_t{hist[2 * b] + hist[2 * b + 1] != 0} << (b & 63);
  }
  seen(feature, nonempty, n_bins);
}

void PossibleBins::seen(int32_t feature, const Bits& nonempty, int n_bins) {
  Bits& bits = bits_[feature];
  for (std::size_t w = 0; w < bits.size(); ++w) {
    // Bins at or past n_bins were not counted: they stay as they were.
    const int first = static_cast<int>(64 * w);
    const uint64_t counted = n_bins >= first + 64 ? ~uint64_t{0}
                             : n_bins <= first    ? 0
                                                  : (uint64_t{1} << (n_bins - first)) - 1;
    bits[w] &= nonempty[w] | ~counted;
  }
}

void PossibleBins::split(int32_t feature, const uint8_t* goes_left, bool left) {
  Bits& bits = bits_[feature];
  for (int b = 0; b < 256; ++b) {
    if ((goes_left[b] != 0) != left) bits[b >> 6] &= ~(uint64_t{1} << (b & 63));
  }
}

}  // namespace adlake::forest
