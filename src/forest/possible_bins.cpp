#include "adlake/forest/possible_bins.hpp"

#include <bit>
#include <cstddef>

namespace adlake::forest {

PossibleBins::PossibleBins(const std::vector<int>& n_bins) : bits_(n_bins.size(), Bits{}) {
  for (std::size_t f = 0; f < n_bins.size(); ++f) {
    for (int b = 0; b < n_bins[f]; ++b) bits_[f][b >> 6] |= uint64_t{1} << (b & 63);
  }
}

bool PossibleBins::constant(int32_t feature) const {
  int count = 0;
  for (const uint64_t word : bits_[feature]) count += std::popcount(word);
  return count <= 1;
}

void PossibleBins::seen(int32_t feature, const uint32_t* hist, int n_bins) {
  Bits& bits = bits_[feature];
  for (int b = 0; b < n_bins; ++b) {
    if (hist[2 * b] + hist[2 * b + 1] == 0) bits[b >> 6] &= ~(uint64_t{1} << (b & 63));
  }
}

void PossibleBins::split(int32_t feature, const uint8_t* goes_left, bool left) {
  Bits& bits = bits_[feature];
  for (int b = 0; b < 256; ++b) {
    if ((goes_left[b] != 0) != left) bits[b >> 6] &= ~(uint64_t{1} << (b & 63));
  }
}

}  // namespace adlake::forest
