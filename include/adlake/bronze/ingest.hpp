#pragma once
// Bronze's distributed flow for one entity (CONTRACT 1, 2.2, 5): each rank
// reads its byte ranges (bronze/share.hpp), the ranks agree on the per-file
// counts so that every line gets its physical number, and the rows and the
// rejects are written as two tables of the layer. The stage (stages/bronze.hpp)
// opens and publishes the layer around it.
#include <cstddef>
#include <nlohmann/json.hpp>

#include "adlake/bronze/plan.hpp"
#include "adlake/bronze/stats.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake::bronze {

struct IngestOptions {
  std::size_t read_chunk_bytes = std::size_t{4} << 20;  // pread size per rank
  double progress_seconds = 5.0;                        // rank 0's progress log interval
};

// Collective. Reads, numbers and writes `/<entity>` and `/_rejects/<entity>`
// into `file`, with `params` in their attributes; returns the entity's
// summary line. Stops every rank with one error, before reading and again
// before writing, when a rank would go over its memory bound or the tables
// would not fit on the lake's disk.
EntitySummary ingest_entity(const Context& ctx, h5::File& file, const EntityInput& input,
                            const IngestOptions& options, const nlohmann::json& params);

// Collective: `/_files`, the input files in reading order (held by rank 0).
void write_files_table(const Context& ctx, h5::File& file, const BronzePlan& plan,
                       const nlohmann::json& params);

}  // namespace adlake::bronze
