#pragma once
// Distributed dimensions (users, campaigns, apps): deduplicated by key with
// each key on one rank, and looked up by the fact rows either by broadcasting
// the whole dimension or by shuffling the facts' keys to the key's rank and
// the rows back. Both give the same rows; only the traffic differs.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <span>
#include <string_view>
#include <vector>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/exchange.hpp"
#include "adlake/silver/dedup.hpp"
#include "adlake/silver/key_index.hpp"
#include "adlake/silver/partition.hpp"

namespace adlake::silver {

inline const clean::Id& dimension_key(const clean::CleanUser& r) {
  return r.user_id;
}
inline const clean::Id& dimension_key(const clean::CleanCampaign& r) {
  return r.campaign_id;
}
inline const clean::Id& dimension_key(const clean::CleanApp& r) {
  return r.app_id;
}

inline Dedup dedup_rows(std::span<const UserRow> rows) {
  return dedup_users(rows);
}
inline Dedup dedup_rows(std::span<const CampaignRow> rows) {
  return dedup_campaigns(rows);
}
inline Dedup dedup_rows(std::span<const AppRow> rows) {
  return dedup_apps(rows);
}

enum class JoinStrategy : std::uint8_t { kAuto, kBroadcast, kShuffle };

std::string_view label(JoinStrategy strategy);
// "auto", "broadcast" or "shuffle"; throws UsageError otherwise.
JoinStrategy parse_join_strategy(std::string_view text);
// kAuto: broadcast when the dimension is below `threshold_bytes`.
JoinStrategy resolve_join(JoinStrategy requested, std::int64_t dimension_bytes,
                          std::int64_t threshold_bytes);

// How many keys each rank contributes to the splitter sample.
inline constexpr std::size_t kKeySamplePerRank = 256;

template <class Row>
struct Dimension {
  std::vector<Row> rows;        // this rank's kept rows: its key range, ascending by key
  KeyRanges ranges;             // which rank owns which keys
  std::int64_t total_rows = 0;  // kept rows over all ranks
  std::int64_t duplicates = 0;  // this rank's
  std::int64_t bytes() const { return total_rows * static_cast<std::int64_t>(sizeof(Row)); }
};

// The ranges of the keys of `valid` (every rank's), from a sample. Collective.
template <class Row>
KeyRanges sample_key_ranges(const Comm& comm, std::span<const Sourced<Row>> valid) {
  std::vector<clean::Id> keys;
  keys.reserve(std::min(valid.size(), kKeySamplePerRank));
  const std::size_t n = std::min(valid.size(), kKeySamplePerRank);
  for (std::size_t i = 0; i < n; ++i)
    keys.push_back(dimension_key(valid[i * valid.size() / n].row));
  std::vector<clean::Id> sample = allgatherv(comm, keys);
  return KeyRanges::from_sample(std::move(sample), comm.size());
}

// Collective: the valid rows of every rank (consumed), exchanged so each key
// lives on its range's rank, and deduplicated there (CONTRACT 2.3 step 2).
template <class Row>
Dimension<Row> build_dimension(const Comm& comm, std::vector<Sourced<Row>>&& valid) {
  Dimension<Row> dim;
  dim.ranges = sample_key_ranges(comm, std::span<const Sourced<Row>>(valid));
  const auto owned = exchange_to_owners(comm, std::move(valid), [&](const Sourced<Row>& r) {
    return dim.ranges.owner(dimension_key(r.row));
  });
  const Dedup dedup = dedup_rows(std::span<const Sourced<Row>>(owned));
  dim.rows.reserve(dedup.kept.size());
  for (const std::uint32_t i : dedup.kept) dim.rows.push_back(owned[i].row);
  dim.duplicates = dedup.duplicates;
  dim.total_rows = allreduce_sum<std::int64_t>(comm, static_cast<std::int64_t>(dim.rows.size()));
  return dim;
}

// The dimension rows of a list of keys. Move-only: `of` points into `rows`
// (a move keeps the rows where they are).
template <class Row>
struct Lookup {
  std::vector<Row> rows;       // the rows found (or the whole dimension)
  std::vector<const Row*> of;  // per key: its row in `rows`, or null when not found
  Lookup() = default;
  Lookup(Lookup&&) noexcept = default;
  Lookup& operator=(Lookup&&) noexcept = default;
  Lookup(const Lookup&) = delete;
  Lookup& operator=(const Lookup&) = delete;
  const Row* at(std::size_t k) const { return of[k]; }
  std::size_t size() const { return of.size(); }
};

namespace detail {

// A hash index of rows by their dimension key.
template <class Row>
KeyIndex index_rows(std::span<const Row> rows) {
  KeyIndex index(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    index.insert(static_cast<std::uint32_t>(i),
                 [&](std::uint32_t r) -> const clean::Id& { return dimension_key(rows[r]); });
  }
  return index;
}

// The position of `key` in rows indexed by `index`, or -1.
template <class Row>
std::int64_t find_key(std::span<const Row> rows, const KeyIndex& index, const clean::Id& key) {
  const std::uint32_t at =
      index.find(key, [&](std::uint32_t r) -> const clean::Id& { return dimension_key(rows[r]); });
  return at == KeyIndex::kNone ? -1 : static_cast<std::int64_t>(at);
}

// The distinct keys of `n` keys (in first-seen order) and each key's slot in
// them. The index compares against `distinct` (compact) rather than the
// callers' rows (large, and read at random).
template <class KeyAt>
void distinct_keys(std::size_t n, KeyAt key_at, std::vector<clean::Id>& distinct,
                   std::vector<std::uint32_t>& slot) {
  KeyIndex seen(std::min<std::size_t>(n, 1 << 16));
  slot.resize(n);
  distinct.clear();
  for (std::size_t k = 0; k < n; ++k) {
    const clean::Id& key = key_at(k);
    const auto next = static_cast<std::uint32_t>(distinct.size());
    const std::uint32_t at = seen.insert(
        next, [&](std::uint32_t d) -> const clean::Id& { return d == next ? key : distinct[d]; });
    if (at == next) distinct.push_back(key);
    slot[k] = at;
  }
}

template <class Row>
struct Reply {
  Row row;
  std::uint8_t found = 0;
};

}  // namespace detail

namespace detail {

// One rank owns every key: each distinct key's row in `out.rows`, or -1.
template <class Row>
std::vector<std::int64_t> find_local(const Dimension<Row>& dim, const KeyIndex& index,
                                     std::span<const clean::Id> distinct, Lookup<Row>& out) {
  std::vector<std::int64_t> found(distinct.size(), -1);
  const std::span<const Row> mine(dim.rows);
  for (std::size_t d = 0; d < distinct.size(); ++d) {
    const std::int64_t at = find_key(mine, index, distinct[d]);
    if (at < 0) continue;
    found[d] = static_cast<std::int64_t>(out.rows.size());
    out.rows.push_back(dim.rows[static_cast<std::size_t>(at)]);
  }
  return found;
}

// Collective: each distinct key to its range's owner, grouped by owner in one
// buffer; the answers come back in the same order (the exchange keeps each
// source's order), so ask[i]'s answer is answers[i]. Returns each distinct
// key's row in `out.rows`, or -1.
template <class Row>
std::vector<std::int64_t> find_remote(const Comm& comm, const Dimension<Row>& dim,
                                      const KeyIndex& index, std::vector<clean::Id>&& distinct,
                                      Lookup<Row>& out) {
  const auto p = static_cast<std::size_t>(comm.size());
  std::vector<std::int64_t> counts(p, 0);
  std::vector<int> owner(distinct.size());
  for (std::size_t d = 0; d < distinct.size(); ++d) {
    owner[d] = dim.ranges.owner(distinct[d]);
    ++counts[static_cast<std::size_t>(owner[d])];
  }
  std::vector<std::int64_t> next(p, 0);
  std::exclusive_scan(counts.begin(), counts.end(), next.begin(), std::int64_t{0});
  std::vector<clean::Id> ask(distinct.size());
  std::vector<std::uint32_t> position(distinct.size());  // of distinct[d] in `ask`
  for (std::size_t d = 0; d < distinct.size(); ++d) {
    const auto at = static_cast<std::size_t>(next[static_cast<std::size_t>(owner[d])]++);
    ask[at] = distinct[d];
    position[d] = static_cast<std::uint32_t>(at);
  }
  distinct = {};
  owner = {};
  std::vector<std::int64_t> from;  // keys each rank asks this one
  std::vector<clean::Id> asked = adlake::detail::exchange_counted(
      comm, std::span<const clean::Id>(ask), counts, from, kRoundBytes);
  ask = {};
  const std::span<const Row> mine(dim.rows);
  std::vector<Reply<Row>> replies(asked.size());
  for (std::size_t k = 0; k < asked.size(); ++k) {
    const std::int64_t at = find_key(mine, index, asked[k]);
    if (at >= 0) replies[k] = {dim.rows[static_cast<std::size_t>(at)], 1};
  }
  asked = {};
  const auto answers = exchange_grouped(comm, std::span<const Reply<Row>>(replies), from);
  replies = {};
  std::vector<std::int64_t> found(position.size(), -1);
  for (std::size_t d = 0; d < position.size(); ++d) {
    const auto& answer = answers[position[d]];
    if (!answer.found) continue;
    found[d] = static_cast<std::int64_t>(out.rows.size());
    out.rows.push_back(answer.row);
  }
  return found;
}

}  // namespace detail

// Collective: the dimension row of each of `n` keys, key_at(k) for k < n
// (any order, repeats allowed; the keys must outlive the call). kBroadcast
// gathers the whole dimension on every rank and looks every key up there;
// kShuffle sends each distinct key to its range's rank and gets the row back
// (only distinct keys travel).
template <class Row, class KeyAt>
Lookup<Row> lookup(const Comm& comm, const Dimension<Row>& dim, std::size_t n, KeyAt key_at,
                   JoinStrategy strategy) {
  Lookup<Row> out;
  out.of.resize(n);
  if (strategy == JoinStrategy::kBroadcast) {
    out.rows = allgatherv(comm, dim.rows);
    const std::span<const Row> rows(out.rows);
    const KeyIndex index = detail::index_rows(rows);
    for (std::size_t k = 0; k < n; ++k) {
      const std::int64_t at = detail::find_key(rows, index, key_at(k));
      out.of[k] = at < 0 ? nullptr : &out.rows[static_cast<std::size_t>(at)];
    }
    return out;
  }
  std::vector<clean::Id> distinct;
  std::vector<std::uint32_t> slot;
  detail::distinct_keys(n, key_at, distinct, slot);
  const KeyIndex index = detail::index_rows(std::span<const Row>(dim.rows));
  const std::vector<std::int64_t> found =
      comm.size() == 1 ? detail::find_local(dim, index, std::span<const clean::Id>(distinct), out)
                       : detail::find_remote(comm, dim, index, std::move(distinct), out);
  // `rows` is complete: pointers into it stay valid.
  for (std::size_t k = 0; k < n; ++k) {
    out.of[k] = found[slot[k]] < 0 ? nullptr : &out.rows[static_cast<std::size_t>(found[slot[k]])];
  }
  return out;
}

}  // namespace adlake::silver
