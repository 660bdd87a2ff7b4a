#pragma once
// The history features of CONTRACT 3.1: for the user, the campaign and the app
// of each impression, how many train rows of the other folds share it (all
// train rows, for a test row) and their click rate shrunk towards the rate of
// that whole set. Partition -> exchange -> local kernel: each rank counts its
// rows per (key, fold), the counts of a key are added up on one rank (or on
// every rank, for keys that are few) and the totals come back to the ranks
// that asked. Every count is an exact integer sum, so the columns do not
// depend on the number of ranks or threads.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/clean/string_value.hpp"
#include "adlake/core/table.hpp"
#include "adlake/gold/fact_rows.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::gold {

inline constexpr int kHistoryFolds = 5;
// The weight of the set's click rate in a key's ratio, in rows.
inline constexpr double kHistoryPriorRows = 20.0;
// The (key, fold) counts of a key column are all-gathered when every rank's
// distinct keys together stay under this many bytes (campaigns and apps: a
// few thousand keys, one collective), else shuffled to an owner rank by the
// key's hash and sent back (users: the bytes on a rank stay proportional to
// its share). Silver chooses its dimension joins the same way (64 MiB there:
// a dimension row is needed by every rank, a count only by its key's rows).
inline constexpr std::int64_t kHistoryGatherBytes = std::int64_t{16} << 20;

// (Integer value of hex digits 17-24 of id_md5) mod 5. `id` is 32 hex digits.
int history_fold(std::string_view id);

// The six columns, in the table's order (user, campaign, app; each
// _hist_impressions then _hist_ctr).
const std::vector<std::string>& history_columns();

// Train rows and clicks of one key (or of every key) in each fold.
struct FoldCounts {
  std::array<std::int64_t, kHistoryFolds> rows{};
  std::array<std::int64_t, kHistoryFolds> clicks{};
  FoldCounts& operator+=(const FoldCounts& o);
  bool operator==(const FoldCounts&) const = default;
};

struct KeyCounts {
  clean::Id key;
  FoldCounts counts;
};

// Per impression: its fold, or -1 for a test row, and its label.
struct HistoryRows {
  std::vector<std::int8_t> fold;
  std::vector<std::uint8_t> is_click;
};

// The local kernel, part 1: the distinct values of `keys` (first-seen order)
// with the train counts of `rows` per fold, and each row's slot in them.
struct LocalKeys {
  std::vector<KeyCounts> keys;
  std::vector<std::uint32_t> slot;
};
LocalKeys count_keys(const StringColumn& keys, const HistoryRows& rows);

// Part 2: the two columns of one key from its totals over every rank, and the
// totals of the whole train split (`all`).
struct HistoryColumns {
  std::vector<std::int64_t> impressions;
  std::vector<double> ctr;
};
HistoryColumns history_values(const HistoryRows& rows, const std::vector<std::uint32_t>& slot,
                              const std::vector<FoldCounts>& key_totals, const FoldCounts& all);

// Collective: the totals over every rank of this rank's distinct keys, in
// their order; gathered or shuffled by size (kHistoryGatherBytes).
std::vector<FoldCounts> total_key_counts(const Comm& comm, const std::vector<KeyCounts>& keys,
                                         std::int64_t gather_below_bytes = kHistoryGatherBytes);

// Collective: appends the six columns to `features`, this rank's /features
// rows built by build_features(rows).
void add_history_features(const Comm& comm, const FactRows& rows, Table& features,
                          std::int64_t gather_below_bytes = kHistoryGatherBytes);

}  // namespace adlake::gold
