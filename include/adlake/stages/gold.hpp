#pragma once
// The gold stage (CONTRACT 3): LAKE/silver.h5 /fact_ad_funnel into
// LAKE/gold.h5: /features for the model and the six aggregate tables.
#include <string>

#include "adlake/lineage/fingerprint.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake {

struct GoldOptions {
  std::string lake;  // LAKE: reads silver.h5, publishes gold.h5 there
};

// Collective. Each rank reads its even share of the fact table (already in
// id_md5 order), builds its /features rows and partial aggregates, and the
// partials are combined exactly. Throws CollectiveError on every rank, leaving
// no gold.h5 behind (nor replacing an older one), when silver.h5 is bad.
void run_gold(Context& ctx, const GoldOptions& options);

// What gold.h5 is made from: silver.h5. gold.h5 records it; `adlake
// run` compares.
lineage::FingerprintSpec gold_fingerprint_spec(const GoldOptions& options);

}  // namespace adlake
