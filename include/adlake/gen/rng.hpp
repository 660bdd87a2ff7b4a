#pragma once
// The generator's random streams. Every block of rows draws from its own
// stream, keyed by (seed, stream kind, index), so a block's bytes do not depend
// on which rank or thread generates it (CONTRACT section 5, last rule).
// Hand-written (xoshiro256** seeded by splitmix64) rather than <random>: the
// standard distributions are implementation-defined, and the output must not
// change with the standard library.
#include <cmath>
#include <cstdint>

namespace adlake::gen {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A well-mixed 64-bit hash of three words; also used to derive stream seeds.
inline uint64_t mix3(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t s = a;
  uint64_t h = splitmix64(s);
  s = h ^ b;
  h = splitmix64(s);
  s = h ^ c;
  return splitmix64(s);
}

// Kinds of streams; a stream is (seed, kind, index).
enum class Stream : uint64_t {
  RequestData = 1,
  RequestNoise = 2,
  User = 3,
  UserNoise = 4,
  App = 5,
  AppNoise = 6,
  Campaign = 7,
  CampaignNoise = 8,
  Advertiser = 9,
  FileStyle = 10,
};

class Rng {
 public:
  Rng(uint64_t seed, Stream kind, uint64_t index) {
    uint64_t s = mix3(seed, static_cast<uint64_t>(kind), index);
    for (auto& w : s_) w = splitmix64(s);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift with rejection: unbiased).
  uint64_t below(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
    auto low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }

  // Uniform integer in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }

  bool chance(double p) { return uniform() < p; }

  // Standard normal by Box-Muller; always consumes two draws.
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace adlake::gen
