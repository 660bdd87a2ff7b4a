#pragma once
// The silver stage (CONTRACT 2, 2.4, 5; issue 4): LAKE/bronze.h5 cleaned,
// deduplicated and joined into LAKE/silver.h5, the same datasets whatever the
// number of ranks and the dimension join strategy.
#include <cstdint>
#include <string>

#include "adlake/core/context.hpp"
#include "adlake/lineage/fingerprint.hpp"
#include "adlake/ops/dimension.hpp"

namespace CLI {
class App;
}

namespace adlake {

struct SilverOptions {
  std::string lake;  // reads LAKE/bronze.h5, publishes LAKE/silver.h5
  // A deduplicated dimension smaller than this is broadcast to every rank;
  // a larger one is joined by shuffling the facts' keys to its ranks.
  std::int64_t broadcast_threshold_bytes = std::int64_t{64} << 20;
  ops::JoinStrategy dimension_join = ops::JoinStrategy::kAuto;  // force one path
  // Bronze rows read, validated and exchanged at a time, and fact rows
  // assembled and written at a time: bounds the memory beyond the kept rows
  // (not an option of the command line; tests make it small). Small enough
  // that a chunk's buffers stay below glibc's largest mmap threshold (32 MiB)
  // and are reused from chunk to chunk instead of being mapped and
  // page-faulted anew.
  std::int64_t chunk_rows = std::int64_t{1} << 17;
};

// Collective. Throws CollectiveError on every rank, leaving no silver.h5
// behind (nor replacing an older one), when bronze.h5 is missing or bad.
void run_silver(Context& ctx, const SilverOptions& options);

// The options that tune silver (not --lake), for `adlake silver` and `adlake run`.
void add_silver_options(CLI::App& command, SilverOptions& options);

// What silver.h5 is made from (issue 7): bronze.h5. No option of silver
// changes its datasets (the join strategy and threshold only change the path),
// so none is part of it.
lineage::FingerprintSpec silver_fingerprint_spec(const SilverOptions& options);

}  // namespace adlake
