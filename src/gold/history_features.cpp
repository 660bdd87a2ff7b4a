#include "adlake/gold/history_features.hpp"

#include <charconv>
#include <numeric>

#include "adlake/core/error.hpp"
#include "adlake/gold/features.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/exchange.hpp"
#include "adlake/silver/key_index.hpp"

namespace adlake::gold {
namespace {

std::int64_t sum(const std::array<std::int64_t, kHistoryFolds>& a) {
  return std::accumulate(a.begin(), a.end(), std::int64_t{0});
}

// Adds `rows` into `merged` (one entry per key, indexed by `index`) and
// returns each row's entry.
std::vector<std::uint32_t> merge_into(std::span<const KeyCounts> rows,
                                      std::vector<KeyCounts>& merged, silver::KeyIndex& index) {
  std::vector<std::uint32_t> at(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto next = static_cast<std::uint32_t>(merged.size());
    at[i] = index.insert(next, [&](std::uint32_t d) -> const clean::Id& {
      return d == next ? rows[i].key : merged[d].key;
    });
    if (at[i] == next) merged.push_back({rows[i].key, {}});
    merged[at[i]].counts += rows[i].counts;
  }
  return at;
}

// Every rank's keys on every rank: one allgather, each rank merges alone.
std::vector<FoldCounts> gathered_totals(const Comm& comm, const std::vector<KeyCounts>& keys) {
  const std::vector<KeyCounts> all = allgatherv(comm, keys);
  std::vector<KeyCounts> merged;
  silver::KeyIndex index(keys.size());
  merge_into(all, merged, index);
  std::vector<FoldCounts> out;
  out.reserve(keys.size());
  for (const KeyCounts& k : keys) {
    const std::uint32_t at =
        index.find(k.key, [&](std::uint32_t d) -> const clean::Id& { return merged[d].key; });
    out.push_back(merged[at].counts);
  }
  return out;
}

// Each key's counts to the rank its hash names; that rank adds them up and
// answers every source, in the order the source sent its keys.
std::vector<FoldCounts> shuffled_totals(const Comm& comm, const std::vector<KeyCounts>& keys) {
  const int p = comm.size();
  std::vector<std::vector<KeyCounts>> to_owner(static_cast<std::size_t>(p));
  std::vector<std::pair<int, std::size_t>> sent_as(keys.size());
  for (std::size_t d = 0; d < keys.size(); ++d) {
    const int owner =
        static_cast<int>(silver::KeyIndex::hash(keys[d].key) % static_cast<unsigned>(p));
    sent_as[d] = {owner, to_owner[static_cast<std::size_t>(owner)].size()};
    to_owner[static_cast<std::size_t>(owner)].push_back(keys[d]);
  }
  const auto received = exchange_by_source(comm, to_owner);
  to_owner = {};
  std::vector<KeyCounts> merged;
  silver::KeyIndex index;
  std::vector<std::vector<std::uint32_t>> entry(received.size());
  for (std::size_t s = 0; s < received.size(); ++s)
    entry[s] = merge_into(received[s], merged, index);
  std::vector<std::vector<FoldCounts>> answers(received.size());
  for (std::size_t s = 0; s < received.size(); ++s) {
    answers[s].reserve(entry[s].size());
    for (const std::uint32_t e : entry[s]) answers[s].push_back(merged[e].counts);
  }
  const auto replies = exchange_by_source(comm, answers);
  std::vector<FoldCounts> out(keys.size());
  for (std::size_t d = 0; d < keys.size(); ++d)
    out[d] = replies[static_cast<std::size_t>(sent_as[d].first)][sent_as[d].second];
  return out;
}

// num / den in float64, 0 for an empty set.
double rate(std::int64_t num, std::int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

FoldCounts& FoldCounts::operator+=(const FoldCounts& o) {
  for (int f = 0; f < kHistoryFolds; ++f) {
    rows[f] += o.rows[f];
    clicks[f] += o.clicks[f];
  }
  return *this;
}

int history_fold(std::string_view id) {
  uint32_t digits = 0;
  std::from_chars(id.data() + 16, id.data() + 24, digits, 16);
  return static_cast<int>(digits % kHistoryFolds);
}

const std::vector<std::string>& history_columns() {
  static const std::vector<std::string> columns{"user_hist_impressions",     "user_hist_ctr",
                                                "campaign_hist_impressions", "campaign_hist_ctr",
                                                "app_hist_impressions",      "app_hist_ctr"};
  return columns;
}

LocalKeys count_keys(const StringColumn& keys, const HistoryRows& rows) {
  LocalKeys out;
  out.slot.resize(keys.size());
  silver::KeyIndex index(std::min<std::size_t>(keys.size(), 1 << 16));
  clean::Id key;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    key = clean::Id::from(keys.at(i));
    const auto next = static_cast<std::uint32_t>(out.keys.size());
    const std::uint32_t at = index.insert(next, [&](std::uint32_t d) -> const clean::Id& {
      return d == next ? key : out.keys[d].key;
    });
    if (at == next) out.keys.push_back({key, {}});
    out.slot[i] = at;
    if (const int f = rows.fold[i]; f >= 0) {
      ++out.keys[at].counts.rows[f];
      out.keys[at].counts.clicks[f] += rows.is_click[i];
    }
  }
  return out;
}

HistoryColumns history_values(const HistoryRows& rows, const std::vector<std::uint32_t>& slot,
                              const std::vector<FoldCounts>& key_totals, const FoldCounts& all) {
  const std::size_t n = slot.size();
  HistoryColumns out{std::vector<std::int64_t>(n), std::vector<double>(n)};
  const std::int64_t all_rows = sum(all.rows), all_clicks = sum(all.clicks);
  for (std::size_t i = 0; i < n; ++i) {
    const FoldCounts& t = key_totals[slot[i]];
    std::int64_t rows_n = sum(t.rows), clicks_c = sum(t.clicks);
    std::int64_t set_rows = all_rows, set_clicks = all_clicks;
    if (const int f = rows.fold[i]; f >= 0) {  // a train row sees the other folds only
      rows_n -= t.rows[f];
      clicks_c -= t.clicks[f];
      set_rows -= all.rows[f];
      set_clicks -= all.clicks[f];
    }
    const double m = rate(set_clicks, set_rows);
    out.impressions[i] = rows_n;
    // CONTRACT 3.1's order of operations, so any implementation gets the same bits.
    out.ctr[i] = (static_cast<double>(clicks_c) + kHistoryPriorRows * m) /
                 (static_cast<double>(rows_n) + kHistoryPriorRows);
  }
  return out;
}

std::vector<FoldCounts> total_key_counts(const Comm& comm, const std::vector<KeyCounts>& keys,
                                         std::int64_t gather_below_bytes) {
  if (comm.size() == 1) {
    std::vector<FoldCounts> out;
    out.reserve(keys.size());
    for (const KeyCounts& k : keys) out.push_back(k.counts);
    return out;
  }
  // What an allgather would leave on every rank; the same figure everywhere,
  // so every rank takes the same branch.
  const std::int64_t gathered =
      allreduce_sum<std::int64_t>(comm, static_cast<std::int64_t>(keys.size())) *
      static_cast<std::int64_t>(sizeof(KeyCounts));
  return gathered < gather_below_bytes ? gathered_totals(comm, keys) : shuffled_totals(comm, keys);
}

void add_history_features(const Comm& comm, const FactRows& rows, Table& features,
                          std::int64_t gather_below_bytes) {
  std::vector<uint32_t> order;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows.has_impression[i]) order.push_back(static_cast<uint32_t>(i));
  if (order.size() != features.rows())
    throw Error("add_history_features: the features were not built from these rows");

  HistoryRows history;
  history.fold.resize(order.size());
  history.is_click.resize(order.size());
  FoldCounts all;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::string_view id = rows.id_md5.at(order[k]);
    const bool train = split_of(id) == Split::kTrain;
    history.fold[k] = static_cast<std::int8_t>(train ? history_fold(id) : -1);
    history.is_click[k] = rows.is_click[order[k]];
    if (train) {
      ++all.rows[history.fold[k]];
      all.clicks[history.fold[k]] += history.is_click[k];
    }
  }
  std::vector<std::int64_t> flat(all.rows.begin(), all.rows.end());
  flat.insert(flat.end(), all.clicks.begin(), all.clicks.end());
  allreduce_sum_inplace(comm, flat);
  std::copy(flat.begin(), flat.begin() + kHistoryFolds, all.rows.begin());
  std::copy(flat.begin() + kHistoryFolds, flat.end(), all.clicks.begin());

  const std::array<const StringColumn*, 3> key_columns{&rows.user_id, &rows.campaign_id,
                                                       &rows.app_id};
  const auto& names = history_columns();
  for (std::size_t k = 0; k < key_columns.size(); ++k) {
    const LocalKeys local = count_keys(key_columns[k]->gather(order), history);
    const auto totals = total_key_counts(comm, local.keys, gather_below_bytes);
    HistoryColumns values = history_values(history, local.slot, totals, all);
    features.add(names[2 * k], std::move(values.impressions), "rows");
    features.add(names[2 * k + 1], std::move(values.ctr));
  }
}

}  // namespace adlake::gold
