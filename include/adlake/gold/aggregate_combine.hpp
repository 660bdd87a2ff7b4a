#pragma once
// The exact combine of every rank's partial aggregates (collective).
#include <vector>

#include "adlake/gold/aggregate.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::gold {

struct AggregateTotals {
  DenseTotals dense;  // on every rank
  // On rank 0: one entry per (campaign_id, campaign_type) of the
  // whole fact table, sorted, with its total counts. Empty on other ranks.
  std::vector<CampaignTotal> campaigns;
};

// Dense groups: one allreduce. Campaign partials: exchanged to an owner rank
// by a hash of campaign_id (so each key is merged in one place and rank 0
// receives each key once, O(campaigns) and not O(ranks x campaigns)), then
// gathered on rank 0.
AggregateTotals combine_aggregates(const Comm& comm, LocalAggregates local);

// The wire format of campaign partials (exposed for its round-trip test).
std::vector<char> encode_campaigns(const std::vector<const CampaignTotal*>& campaigns);
std::vector<CampaignTotal> decode_campaigns(const std::vector<char>& bytes);

}  // namespace adlake::gold
