#pragma once
// The width of a compact string column (CONTRACT 5, bronze and rejects
// tables): the least w >= 1 minimising n*w + sum over values longer than w of
// (len + 16), found from all-reduced length histograms of bounded size, never
// from the values themselves, so it is the same at any number of ranks.
#include <cstdint>
#include <functional>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

// What a value longer than the width costs besides its bytes: its row and
// its offset in the overflow group (two int64).
inline constexpr std::uint64_t kLongValueOverhead = 16;

struct CompactWidth {
  std::uint64_t width = 1;
  std::uint64_t cost = 0;  // n*width + sum over longer values of (len + kLongValueOverhead)
};

// Histogram of value lengths over buckets: bucket b holds the lengths
// [lower[b], lower[b + 1]) (the last one up to the longest value); lengths 0
// fall in no bucket. Returns counts[b] at 2b and the sum of the lengths at
// 2b + 1, over all values (all ranks).
using LengthHistogram =
    std::function<std::vector<std::uint64_t>(const std::vector<std::uint64_t>&)>;

// The optimum for `n` values whose longest is `longest`, asking `histogram`
// for as few buckets as it takes to prove the result exact.
CompactWidth optimal_width(std::uint64_t n, std::uint64_t longest,
                           const LengthHistogram& histogram);

// This rank's part of a histogram (the counting half of LengthHistogram).
std::vector<std::uint64_t> local_length_histogram(const StringColumn& values,
                                                  const std::vector<std::uint64_t>& lower);

// Collective: the optimum for the column whose rows are every rank's `values`.
CompactWidth compact_width(const StringColumn& values, const Comm& comm);

}  // namespace adlake::h5
