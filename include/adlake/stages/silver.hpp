#pragma once
// The silver stage (CONTRACT 2, 2.4, 5): LAKE/bronze.h5 cleaned,
// deduplicated and joined into LAKE/silver.h5, the same datasets whatever the
// number of ranks and the dimension join strategy.
#include "adlake/lineage/fingerprint.hpp"
#include "adlake/mpi/context.hpp"
#include "adlake/silver/options.hpp"

namespace CLI {
class App;
}

namespace adlake {

// Collective. Throws CollectiveError on every rank, leaving no silver.h5
// behind (nor replacing an older one), when bronze.h5 is missing or bad.
void run_silver(Context& ctx, const SilverOptions& options);

// The options that tune silver (not --lake), for `adlake silver` and `adlake run`.
void add_silver_options(CLI::App& command, SilverOptions& options);

// What silver.h5 is made from: bronze.h5. No option of silver
// changes its datasets (the join strategy and threshold only change the path),
// so none is part of it.
lineage::FingerprintSpec silver_fingerprint_spec(const SilverOptions& options);

}  // namespace adlake
