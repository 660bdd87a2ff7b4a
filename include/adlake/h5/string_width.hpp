#pragma once
// The width of a compact string column (CONTRACT 5, bronze and rejects
// tables): the least w >= 1 minimising n*w + sum over values longer than w of
// (len + 16), found from all-reduced length histograms of bounded size, never
// from the values themselves, so it is the same at any number of ranks.
#include <cstdint>
#include <functional>
#include <span>
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

// A column's values longer than its width on one rank: how many and their
// bytes (what its overflow group will hold, h5/string_overflow.hpp).
struct LongValueCounts {
  std::int64_t values = 0;
  std::int64_t bytes = 0;
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

// The lengths of a column's values counted one by one, without the values,
// when no value can be longer than a bound known in advance (bronze's row
// fields, CONTRACT 2.2): it answers every histogram exactly, so the width is
// the one compact_width() finds from the values themselves.
class LengthCounts {
 public:
  explicit LengthCounts(std::size_t longest_possible) : counts_(longest_possible + 1, 0) {}
  // `length` must not be above the bound.
  void add(std::size_t length) { ++counts_[length]; }
  std::uint64_t size() const;     // values counted, empty ones included
  std::uint64_t longest() const;  // 0 when none
  std::vector<std::uint64_t> histogram(const std::vector<std::uint64_t>& lower) const;
  LongValueCounts longer_than(std::uint64_t width) const;

 private:
  std::vector<std::uint64_t> counts_;  // values per length
};

// Collective: the optimum for the column whose values every rank counted.
CompactWidth compact_width(const LengthCounts& lengths, const Comm& comm);

// Collective: the optimum for the column whose values' lengths are every
// rank's `lengths` (values of no bound known in advance: rejected lines).
CompactWidth compact_width(std::span<const std::uint64_t> lengths, const Comm& comm);

}  // namespace adlake::h5
