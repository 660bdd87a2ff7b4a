#pragma once
// What a generator run is made of: the user's options and the sizes derived
// from them. Everything the output depends on is here, so any rank can
// regenerate any block or dimension row from it alone.
#include <cstdint>

namespace adlake::gen {

struct GenParams {
  uint64_t requests = 100000;
  uint64_t seed = 42;
  double noise = 0.02;
  uint64_t block_size = 10000;  // requests (or dimension rows) per part file

  // Derived from `requests` (make_gen_params).
  uint64_t users = 0;
  uint64_t apps = 0;
  uint64_t campaigns = 0;
  uint64_t advertisers = 0;
  // Popularity ranks are mapped to indices by multiplying with these (coprime
  // to the dimension's size), so popular users are spread over all part files.
  uint64_t user_stride = 1;
  uint64_t app_stride = 1;
  // The oracle AUCs logged at the end use every test-split impression up to
  // 50M requests, then one in `oracle_every` (rank 0 gathers them).
  uint64_t oracle_every = 1;

  // The week of traffic starts Monday 2024-03-04 00:00:00 UTC.
  int64_t week_start = 1709510400;
};

// Validates the options (UsageError) and derives the sizes.
GenParams make_gen_params(uint64_t requests, uint64_t seed, double noise, uint64_t block_size);

inline uint64_t part_count(uint64_t rows, uint64_t block_size) {
  return (rows + block_size - 1) / block_size;
}

}  // namespace adlake::gen
