#pragma once
// The random stream of one tree. It depends on (seed, tree index) alone, so a
// forest is the same whichever rank or thread grows each tree (STYLE.md "Hot
// paths"). Hand-written instead of <random> because the standard
// distributions are not specified bit for bit across library versions.
#include <cstdint>

namespace adlake::forest {

// The finalizer of Steele, Lea and Flood's SplitMix64: a bijective 64-bit mix.
constexpr uint64_t mix64(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class TreeRng {
 public:
  TreeRng(uint64_t seed, uint64_t tree_index) : state_(start(seed, tree_index)) {}

  // The k-th value (k >= 1) of the stream that starts at `start(seed,
  // tree_index)`, without the k - 1 before it: a row's bootstrap draws come
  // from (seed, tree, the row's index in the whole training set), whichever
  // rank holds the row.
  static uint64_t at(uint64_t start, uint64_t k) { return mix64(start + k * kGamma); }
  static uint64_t start(uint64_t seed, uint64_t tree_index) {
    return mix64(mix64(seed + kGamma) ^ mix64(tree_index + 0x632be59bd9b4e019ULL));
  }

  uint64_t next() {
    state_ += kGamma;  // SplitMix64: a Weyl sequence through the mix
    return mix64(state_);
  }

  // Uniform in [0, n) for n > 0, by Lemire's multiply-and-reject method.
  uint64_t below(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t floor = -n % n;
      while (low < floor) {
        m = static_cast<unsigned __int128>(next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }

 private:
  static constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ULL;
  uint64_t state_;
};

}  // namespace adlake::forest
