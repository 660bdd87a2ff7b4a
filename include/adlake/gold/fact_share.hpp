#pragma once
// Gold's input: each rank's even share of silver's /fact_ad_funnel (already in
// id_md5 order, CONTRACT 2.4) and, on rank 0, the advertisers of /campaigns.
#include <cstdint>

#include "adlake/gold/aggregate_tables.hpp"
#include "adlake/gold/fact_rows.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake::gold {

inline constexpr const char* kFactTable = "/fact_ad_funnel";
inline constexpr const char* kCampaignsTable = "/campaigns";

struct FactShare {
  FactRows rows;
  std::int64_t total_rows = 0;  // of the whole fact table
  Advertisers advertisers;      // on rank 0, which joins them to the campaign totals
};

// Collective over ctx.comm, which opened `silver` for reading. Checks that
// both tables exist and that this rank's share fits its memory bound
// (core/memory_budget.hpp) before reading a row, then reads and checks the
// rows (fact_rows_from), ids ascending across ranks too. Every failure is
// the same CollectiveError on every rank, naming the file.
FactShare read_fact_share(const Context& ctx, const h5::File& silver);

}  // namespace adlake::gold
