#pragma once
// A distributed sort of trivially copyable records (sample sort): each rank
// ends with a contiguous range of the global order, rank 0 the first. Records
// with equal keys go to the same rank, so a caller can merge them there.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>
#include <vector>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/exchange.hpp"

namespace adlake {

namespace detail {

// Up to `count` records of the sorted `rows` at regular positions, as bytes,
// each followed by the number of rows it stands for (its weight).
template <class T>
std::vector<char> regular_samples(const std::vector<T>& rows, size_t count) {
  std::vector<char> out;
  const size_t n = rows.size(), k = std::min(n, count);
  for (size_t j = 0; j < k; ++j) {
    const uint64_t weight = (j + 1) * n / k - j * n / k;
    const char* record = reinterpret_cast<const char*>(&rows[j * n / k]);
    out.insert(out.end(), record, record + sizeof(T));
    const char* w = reinterpret_cast<const char*>(&weight);
    out.insert(out.end(), w, w + sizeof(weight));
  }
  return out;
}

// P - 1 splitters from every rank's weighted samples: splitter d is the
// sample at which the samples' weights reach (d + 1) / P of their total.
template <class T, class Less>
std::vector<T> choose_splitters(const std::vector<char>& samples, int ranks, Less less) {
  struct Weighted {
    T row;
    uint64_t weight;
  };
  std::vector<Weighted> all(samples.size() / (sizeof(T) + sizeof(uint64_t)));
  uint64_t total = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const char* at = samples.data() + i * (sizeof(T) + sizeof(uint64_t));
    std::memcpy(&all[i].row, at, sizeof(T));
    std::memcpy(&all[i].weight, at + sizeof(T), sizeof(uint64_t));
    total += all[i].weight;
  }
  std::stable_sort(all.begin(), all.end(),
                   [&](const Weighted& a, const Weighted& b) { return less(a.row, b.row); });
  std::vector<T> splitters;
  uint64_t seen = 0;
  size_t i = 0;
  for (int d = 1; d < ranks && !all.empty(); ++d) {
    const uint64_t target = total * static_cast<uint64_t>(d) / static_cast<uint64_t>(ranks);
    while (i + 1 < all.size() && seen + all[i].weight <= target) seen += all[i++].weight;
    splitters.push_back(all[i].row);
  }
  return splitters;
}

}  // namespace detail

// Collective. Sorts every rank's `rows` together by `less` (a strict weak
// order). Returns this rank's part of the global order: the records r with
// exactly d splitters s such that less(s, r) when this is rank d, sorted
// (records with equal keys in source-rank order, each source's in its own
// order). The splitters come from P - 1 weighted regular samples of each
// rank's sorted rows, so a rank receives about its share of the records
// (up to about twice, as in parallel sorting by regular sampling) unless
// many records share one key.
template <class T, class Less>
std::vector<T> sample_sort(const Comm& comm, std::vector<T> rows, Less less) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::stable_sort(rows.begin(), rows.end(), less);
  const int p = comm.size();
  if (p == 1) return rows;
  const std::vector<char> samples =
      allgatherv(comm, detail::regular_samples(rows, static_cast<size_t>(p - 1)));
  const std::vector<T> splitters = detail::choose_splitters<T>(samples, p, less);
  // The rows are sorted, so they are already grouped by destination.
  std::vector<int64_t> counts(static_cast<size_t>(p), 0);
  size_t dest = 0;
  for (const T& r : rows) {
    while (dest < splitters.size() && less(splitters[dest], r)) ++dest;
    ++counts[dest];
  }
  std::vector<T> mine = exchange_grouped(comm, std::span<const T>(rows), counts);
  rows = {};
  std::stable_sort(mine.begin(), mine.end(), less);
  return mine;
}

}  // namespace adlake
