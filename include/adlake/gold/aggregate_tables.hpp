#pragma once
// The six aggregate tables of CONTRACT 3.2 from exact totals: one row per key
// that occurs, in the key's text order (integer keys numerically), ratios as
// float64 derived from the totals (0 where the divisor is 0).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/gold/aggregate_combine.hpp"

namespace adlake::gold {

struct GoldTable {
  std::string path;  // e.g. "/revenue_by_state"
  Table table;
  std::string description;           // one SQL-like line: the table's definition
  std::vector<std::string> sources;  // the silver tables it is made of
};

// Each kept campaign's advertiser, from silver's /campaigns. The fact carries
// only campaign_id (CONTRACT 2.4: a dimension's text is stored once), and the
// dimension is small (one row per campaign), so the rank that holds the
// combined campaign totals joins it whole: a broadcast join.
class Advertisers {
 public:
  Advertisers() = default;
  // From the columns campaign_id and advertiser of /campaigns (`where` names
  // it in errors): byte strings, one row per campaign_id (silver's dedup).
  static Advertisers from(Table campaigns, const std::string& where);
  // The advertiser of `campaign_id`; a DataError if /campaigns lacks it.
  const std::string& of(const std::string& campaign_id) const;

 private:
  std::unordered_map<std::string, std::string> by_campaign_;
  std::string where_;
};

// num / den, or 0 when den is 0.
double ratio(int64_t num, int64_t den);
// revenue_micros * 1000 / impressions without overflowing int64, or 0.
double ecpm_micros(int64_t revenue_micros, int64_t impressions);

// Every table, complete, from totals that hold the campaign entries (rank 0's)
// and the advertisers of their campaigns.
std::vector<GoldTable> aggregate_tables(const AggregateTotals& totals,
                                        const Advertisers& advertisers);

// The same columns (types, enum labels, units) with no rows: what the ranks
// other than 0 write, since rank 0 holds each aggregate whole.
Table empty_like(const Table& table);

}  // namespace adlake::gold
