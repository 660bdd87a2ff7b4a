#include "adlake/forest/distributed_binning.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <set>

#include "adlake/core/error.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::forest {

namespace {

// Doubles as unsigned keys in the same order (-0 as +0, as < sees them).
uint64_t key_of(double v) {
  const auto bits = std::bit_cast<uint64_t>(v == 0 ? 0.0 : v);
  constexpr uint64_t kSign = uint64_t{1} << 63;
  return bits & kSign ? ~bits : bits | kSign;
}

double value_of(uint64_t key) {
  constexpr uint64_t kSign = uint64_t{1} << 63;
  return std::bit_cast<double>(key & kSign ? key & ~kSign : ~key);
}

// The values at 0-based ranks `ranks` of the whole sorted column: for each,
// the smallest key with more than `rank` values at or below it.
std::vector<uint64_t> keys_at_ranks(const Comm& comm, const std::vector<uint64_t>& sorted,
                                    const std::vector<uint64_t>& ranks) {
  const size_t m = ranks.size();
  std::vector<uint64_t> lo(m, 0), hi(m, UINT64_MAX);
  for (int step = 0; step < 64 && lo != hi; ++step) {
    std::vector<uint64_t> mid(m), below(m);
    for (size_t k = 0; k < m; ++k) {
      mid[k] = lo[k] + (hi[k] - lo[k]) / 2;
      below[k] = static_cast<uint64_t>(std::upper_bound(sorted.begin(), sorted.end(), mid[k]) -
                                       sorted.begin());
    }
    allreduce_sum_inplace(comm, below);
    for (size_t k = 0; k < m; ++k) {
      if (below[k] > ranks[k])
        hi[k] = mid[k];
      else
        lo[k] = mid[k] + 1;
    }
  }
  return lo;
}

FeatureBinning fit_numeric(const Comm& comm, const RawFeature& local, int max_bins) {
  if (max_bins < 2 || max_bins > kMaxBins) {
    throw UsageError("max_bins must be in [2, " + std::to_string(kMaxBins) + "]");
  }
  std::vector<uint64_t> sorted(local.values.size());
  collective_try(comm, [&] {
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (std::isnan(local.values[i])) throw DataError("feature " + local.name + ": NaN value");
      sorted[i] = key_of(local.values[i]);
    }
  });
  std::sort(sorted.begin(), sorted.end());
  const auto n = allreduce_sum<uint64_t>(comm, sorted.size());
  if (n == 0) throw DataError("feature " + local.name + ": no values to bin");
  FeatureBinning b;
  b.name = local.name;
  b.kind = FeatureKind::Numeric;
  const auto bins = static_cast<size_t>(max_bins);
  std::vector<uint64_t> distinct;
  std::unique_copy(sorted.begin(), sorted.end(), std::back_inserter(distinct));
  if (allreduce_max<int>(comm, distinct.size() > bins ? 1 : 0) == 0) {
    std::vector<uint64_t> all = allgatherv(comm, distinct);
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    if (all.size() <= bins) {
      for (uint64_t k : all) b.edges.push_back(value_of(k));
      return b;
    }
  }
  // As fit_numeric_binning: bin k's upper edge is the value at rank (k+1)n/B - 1.
  std::vector<uint64_t> ranks(bins);
  for (size_t k = 0; k < bins; ++k) ranks[k] = (k + 1) * n / bins - 1;
  for (uint64_t key : keys_at_ranks(comm, sorted, ranks)) {
    const double edge = value_of(key);
    if (b.edges.empty() || edge > b.edges.back()) b.edges.push_back(edge);
  }
  return b;
}

FeatureBinning fit_categorical(const Comm& comm, const RawFeature& local) {
  std::string mine;
  for (const std::string& c : local.categories) mine += c + '\x1f';
  const std::vector<std::string> lists = allgather_strings(comm, mine);
  if (std::all_of(lists.begin(), lists.end(), [&](const std::string& l) { return l == mine; })) {
    return categorical_binning(local.name, local.categories);
  }
  // An integer column's categories are the values each rank holds: merge them.
  std::set<long long> values;
  for (const std::string& list : lists) {
    size_t begin = 0;
    for (size_t end = list.find('\x1f'); end != std::string::npos;
         begin = end + 1, end = list.find('\x1f', begin)) {
      const std::string text = list.substr(begin, end - begin);
      size_t used = 0;
      long long v = 0;
      try {
        v = std::stoll(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != text.size() || text.empty()) {
        throw DataError("feature " + local.name + ": the ranks list different categories");
      }
      values.insert(v);
    }
  }
  if (values.size() > 255) {
    throw DataError("categorical column " + local.name + " has " + std::to_string(values.size()) +
                    " distinct values; at most 255");
  }
  std::vector<std::string> categories;
  for (long long v : values) categories.push_back(std::to_string(v));
  return categorical_binning(local.name, std::move(categories));
}

}  // namespace

FeatureBinning fit_binning(const Comm& comm, const RawFeature& local, int max_bins) {
  if (local.kind == FeatureKind::Numeric) return fit_numeric(comm, local, max_bins);
  return fit_categorical(comm, local);
}

}  // namespace adlake::forest
