#pragma once
// The partial aggregation of gold's tables (CONTRACT 3.2) over one rank's fact
// rows. Everything is an integer sum, so partials from any split of the rows
// add up to the same exact totals; ratios are derived only from the totals.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/clean/enums.hpp"
#include "adlake/gold/fact_rows.hpp"

namespace adlake::gold {

struct Counts {
  int64_t requests = 0;
  int64_t impressions = 0;
  int64_t clicks = 0;
  int64_t installs = 0;
  int64_t revenue_micros = 0;
  int64_t spend_micros = 0;  // win_price_micros

  Counts& operator+=(const Counts& o) {
    requests += o.requests;
    impressions += o.impressions;
    clicks += o.clicks;
    installs += o.installs;
    revenue_micros += o.revenue_micros;
    spend_micros += o.spend_micros;
    return *this;
  }
  bool operator==(const Counts&) const = default;
};

// The groups whose key has a small fixed domain, indexed by the key's code
// (= its text order) or value. A plain array of int64, so it is summed across
// ranks with one allreduce.
struct DenseTotals {
  Counts funnel;                                                                // all fact rows
  std::array<Counts, clean::enum_count<clean::State>> by_state;                 // all fact rows
  std::array<Counts, clean::enum_count<clean::CampaignType>> by_campaign_type;  // impressions
  std::array<Counts, 2> by_affinity;                                            // impressions
  std::array<Counts, 24> by_hour;                                               // impressions

  DenseTotals& operator+=(const DenseTotals& o);
  bool operator==(const DenseTotals&) const = default;
};
static_assert(sizeof(DenseTotals) % sizeof(int64_t) == 0);

// One (campaign_id, campaign_type) and its counts over impressions: what
// distinct campaign counts and the advertiser table (joined with silver's
// /campaigns after the combine) are made of.
struct CampaignTotal {
  std::string campaign_id;
  uint8_t campaign_type = 0;
  Counts counts;

  bool same_key(const CampaignTotal& o) const {
    return campaign_id == o.campaign_id && campaign_type == o.campaign_type;
  }
  bool operator==(const CampaignTotal&) const = default;
};

struct LocalAggregates {
  DenseTotals dense;
  std::vector<CampaignTotal> campaigns;  // one per key occurring in these rows
};

// The local kernel: one pass over the rows (OpenMP threads take contiguous
// chunks and their partials are added).
LocalAggregates aggregate_rows(const FactRows& rows);

// Sorts by (campaign_id, campaign_type) and adds up equal keys.
void merge_campaigns(std::vector<CampaignTotal>& campaigns);

}  // namespace adlake::gold
