#include "adlake/h5/string_width.hpp"

#include <algorithm>
#include <limits>

#include "adlake/mpi/collectives.hpp"

namespace adlake::h5 {
namespace {

// How the exact optimum is found without a histogram as long as the longest
// value (a 10 MB line would take 10^7 buckets):
//
// The cost f(w) = n*w + T(w), T(w) = sum over values longer than w of
// (len + 16), is known exactly at the last length `hi` of every bucket: T(hi)
// is the sum over the buckets above. Inside a bucket [lo, hi], T never falls
// below T(hi), so f(w) >= n*lo + T(hi) there. A bucket whose bound is above
// the best exact cost U (or equal to it, with lo not below the least width
// reaching U) cannot hold the answer and is never looked at again; the few
// that can are split into narrower buckets and counted again. Buckets one
// length wide are exact, so the loop ends (the survivors' widths at least
// halve each round) with the least exact minimiser.
//
// Round 1 has one bucket per length up to kExactLengths (most columns end
// there: ids, numbers and timestamps are short) and, above, buckets 1/16 as
// wide as where they start (about 250 up to 10 GB). A later round adds at
// most kRefineBuckets buckets (two per survivor when there are more), and in
// practice the survivors are a few buckets around the optimum: two or three
// rounds of a few thousand counts each, whatever the lengths.
constexpr std::uint64_t kExactLengths = 4096;
constexpr std::size_t kRefineBuckets = 4096;

// n*w reaches 2^64 for a column of 10^9 values 2^34 bytes wide.
using Cost = unsigned __int128;

std::vector<std::uint64_t> first_buckets(std::uint64_t longest) {
  std::vector<std::uint64_t> lower;
  const std::uint64_t exact = std::min(longest, kExactLengths);
  for (std::uint64_t length = 1; length <= exact; ++length) lower.push_back(length);
  for (std::uint64_t lo = exact + 1; lo <= longest; lo += std::max<std::uint64_t>(1, lo / 16)) {
    lower.push_back(lo);
  }
  return lower;
}

}  // namespace

CompactWidth optimal_width(std::uint64_t n, std::uint64_t longest,
                           const LengthHistogram& histogram) {
  // No value longer than 1: w = 1 stores everything, and no w is cheaper.
  if (n == 0 || longest <= 1) return {1, n};
  std::vector<std::uint64_t> lower = first_buckets(longest);
  while (true) {
    const std::vector<std::uint64_t> counts = histogram(lower);
    const std::size_t buckets = lower.size();
    auto last = [&](std::size_t b) { return b + 1 < buckets ? lower[b + 1] - 1 : longest; };
    std::vector<Cost> above(buckets);  // T(last(b))
    Cost tail = 0;
    for (std::size_t b = buckets; b-- > 0;) {
      above[b] = tail;
      tail += Cost{counts[2 * b + 1]} + Cost{kLongValueOverhead} * counts[2 * b];
    }
    Cost best = std::numeric_limits<Cost>::max();
    std::uint64_t best_width = 1;
    for (std::size_t b = 0; b < buckets; ++b) {
      const Cost cost = Cost{n} * last(b) + above[b];
      if (cost < best) {  // ascending: the least width wins a tie
        best = cost;
        best_width = last(b);
      }
    }
    std::vector<std::size_t> open;  // buckets that may hold a better width
    for (std::size_t b = 0; b < buckets; ++b) {
      if (last(b) == lower[b]) continue;
      const Cost bound = Cost{n} * lower[b] + above[b];
      if (bound < best || (bound == best && lower[b] < best_width)) open.push_back(b);
    }
    if (open.empty()) return {best_width, static_cast<std::uint64_t>(best)};
    const std::uint64_t parts = std::max<std::uint64_t>(2, kRefineBuckets / open.size());
    std::vector<std::uint64_t> next;
    auto to_split = open.begin();
    for (std::size_t b = 0; b < buckets; ++b) {
      if (to_split == open.end() || *to_split != b) {
        next.push_back(lower[b]);
        continue;
      }
      ++to_split;
      const std::uint64_t width = last(b) - lower[b] + 1;
      const std::uint64_t m = std::min(width, parts);
      for (std::uint64_t i = 0; i < m; ++i) {
        next.push_back(lower[b] + static_cast<std::uint64_t>(Cost{width} * i / m));
      }
    }
    lower = std::move(next);
  }
}

namespace {

// The histogram of the lengths length_at(0..n-1) over the buckets `lower`.
template <class LengthAt>
std::vector<std::uint64_t> histogram_of(std::size_t n, const LengthAt& length_at,
                                        const std::vector<std::uint64_t>& lower) {
  std::vector<std::uint64_t> out(2 * lower.size(), 0);
  // The leading buckets one length wide are indexed by the length itself.
  std::size_t direct = 0;
  while (direct + 1 < lower.size() && lower[direct] == direct + 1 &&
         lower[direct + 1] == direct + 2) {
    ++direct;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t length = length_at(i);
    if (length == 0) continue;
    const std::size_t b =
        length <= direct
            ? length - 1
            : static_cast<std::size_t>(std::upper_bound(lower.begin(), lower.end(), length) -
                                       lower.begin()) -
                  1;
    ++out[2 * b];
    out[2 * b + 1] += length;
  }
  return out;
}

}  // namespace

std::vector<std::uint64_t> local_length_histogram(const StringColumn& values,
                                                  const std::vector<std::uint64_t>& lower) {
  return histogram_of(
      values.size(), [&](std::size_t i) { return values.at(i).size(); }, lower);
}

namespace {

// Every rank takes the same rounds: each one's buckets follow from the
// all-reduced counts of the one before.
template <class LocalHistogram>
CompactWidth agreed_width(std::uint64_t local_n, std::uint64_t local_longest,
                          const LocalHistogram& local_histogram, const Comm& comm) {
  const auto n = allreduce_sum<unsigned long long>(comm, local_n);
  const auto longest = allreduce_max<unsigned long long>(comm, local_longest);
  return optimal_width(n, longest, [&](const std::vector<std::uint64_t>& lower) {
    auto counts = local_histogram(lower);
    allreduce_sum_inplace(comm, counts);
    return counts;
  });
}

}  // namespace

CompactWidth compact_width(const StringColumn& values, const Comm& comm) {
  return agreed_width(
      values.size(), values.max_length(),
      [&](const std::vector<std::uint64_t>& lower) {
        return local_length_histogram(values, lower);
      },
      comm);
}

std::uint64_t LengthCounts::size() const {
  std::uint64_t n = 0;
  for (const std::uint64_t count : counts_) n += count;
  return n;
}

std::uint64_t LengthCounts::longest() const {
  for (std::size_t length = counts_.size(); length-- > 1;) {
    if (counts_[length] != 0) return length;
  }
  return 0;
}

std::vector<std::uint64_t> LengthCounts::histogram(const std::vector<std::uint64_t>& lower) const {
  std::vector<std::uint64_t> out(2 * lower.size(), 0);
  for (std::size_t b = 0; b < lower.size(); ++b) {
    const std::uint64_t end = std::min<std::uint64_t>(
        b + 1 < lower.size() ? lower[b + 1] : counts_.size(), counts_.size());
    for (std::uint64_t length = std::max<std::uint64_t>(lower[b], 1); length < end; ++length) {
      out[2 * b] += counts_[length];
      out[2 * b + 1] += counts_[length] * length;
    }
  }
  return out;
}

LongValueCounts LengthCounts::longer_than(std::uint64_t width) const {
  LongValueCounts out;
  for (std::uint64_t length = width + 1; length < counts_.size(); ++length) {
    out.values += static_cast<std::int64_t>(counts_[length]);
    out.bytes += static_cast<std::int64_t>(counts_[length] * length);
  }
  return out;
}

CompactWidth compact_width(std::span<const std::uint64_t> lengths, const Comm& comm) {
  const std::uint64_t longest =
      lengths.empty() ? 0 : *std::max_element(lengths.begin(), lengths.end());
  return agreed_width(
      lengths.size(), longest,
      [&](const std::vector<std::uint64_t>& lower) {
        return histogram_of(
            lengths.size(), [&](std::size_t i) { return lengths[i]; }, lower);
      },
      comm);
}

CompactWidth compact_width(const LengthCounts& lengths, const Comm& comm) {
  return agreed_width(
      lengths.size(), lengths.longest(),
      [&](const std::vector<std::uint64_t>& lower) { return lengths.histogram(lower); }, comm);
}

}  // namespace adlake::h5
