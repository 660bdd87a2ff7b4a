#pragma once
// The bronze stage (CONTRACT 1, 2.2, 5): the raw CSV logs into
// LAKE/bronze.h5, every line accounted for, whatever the number of ranks.
#include <cstddef>
#include <string>

#include "adlake/lineage/fingerprint.hpp"
#include "adlake/mpi/context.hpp"

namespace CLI {
class App;
}

namespace adlake {

struct BronzeOptions {
  std::string input;  // RAW: <entity>/*.csv or <entity>.csv for the six entities
  std::string lake;   // LAKE: bronze.h5 is published there
  std::size_t read_chunk_bytes = std::size_t{4} << 20;  // pread size per rank
  double progress_seconds = 5.0;                        // rank 0's progress log interval
};

// Collective. Writes LAKE/bronze.h5: a table per entity (its columns as
// strings, `_file`, `_line`), `/_rejects/<entity>` and `/_files`. Throws
// CollectiveError on every rank, leaving no bronze.h5 behind (nor replacing
// an older one), when the input is bad.
void run_bronze(Context& ctx, const BronzeOptions& options);

// The options that tune bronze (not --input/--lake), for `adlake bronze` and `adlake run`.
void add_bronze_options(CLI::App& command, BronzeOptions& options);

// What bronze.h5 is made from: the raw files and the options that
// shape the datasets. bronze.h5 records it; `adlake run` compares.
lineage::FingerprintSpec bronze_fingerprint_spec(const BronzeOptions& options);

}  // namespace adlake
