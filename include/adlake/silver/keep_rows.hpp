#pragma once
// In-place selection of rows: after a dedup or a check, silver keeps a subset
// of millions of ~180-byte rows in a new order. Copying them into a second
// vector would hold both at once (the largest copy of silver's memory peak);
// this moves each row once within its vector instead.
#include <cstdint>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

namespace adlake::silver {

// Afterwards rows[i] is the former rows[order[i]] for i < order.size(), and
// the other rows are gone. `order` holds distinct indices into rows.
template <class T>
void keep_rows(std::vector<T>& rows, std::span<const std::uint32_t> order) {
  const std::size_t n = rows.size();
  const std::size_t k = order.size();
  // from[i]: the position whose row goes to i; the positions not in `order`
  // fill the tail, so `from` is a permutation and moves in cycles.
  std::vector<std::uint32_t> from(n);
  std::vector<bool> taken(n, false);
  for (std::size_t i = 0; i < k; ++i) {
    if (order[i] >= n || taken[order[i]]) throw std::logic_error("keep_rows: not a selection");
    from[i] = order[i];
    taken[order[i]] = true;
  }
  std::size_t tail = k;
  for (std::size_t j = 0; j < n; ++j) {
    if (!taken[j]) from[tail++] = static_cast<std::uint32_t>(j);
  }
  taken = {};
  constexpr std::uint32_t kDone = UINT32_MAX;
  for (std::size_t start = 0; start < k; ++start) {
    if (from[start] == kDone || from[start] == start) continue;
    T moving = std::move(rows[start]);
    std::size_t at = start;
    while (true) {
      const std::size_t src = from[at];
      from[at] = kDone;
      if (src == start) {
        rows[at] = std::move(moving);
        break;
      }
      rows[at] = std::move(rows[src]);
      at = src;
    }
  }
  rows.resize(k);
}

}  // namespace adlake::silver
