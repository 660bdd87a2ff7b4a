#pragma once
// The generator without MPI: the list of tasks (one per part file, or per
// block of requests), and running a subset of them with OpenMP threads. The
// stage (stages/generate.hpp) hands each rank its share of the tasks.
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "adlake/gen/entities.hpp"
#include "adlake/gen/params.hpp"
#include "adlake/gen/request_block.hpp"

namespace adlake::gen {

// A request block writes requests, impressions, clicks and truth part `part`;
// a dimension task writes that entity's part `part`.
struct Task {
  Entity entity;
  uint64_t part;
};

// Every task of a run, request blocks first, in a fixed order.
std::vector<Task> all_tasks(const GenParams& params);

struct GenTotals {
  FunnelCounts counts;
  uint64_t files = 0;
  uint64_t lines = 0;  // data lines written, noise included
  uint64_t bytes = 0;
  std::vector<OracleSample> test_samples;
};

// RAW/<entity>/part-NNNNN.csv and RAW/_truth/click_prob/part-NNNNN.csv; at
// least five digits, more when there are more parts, so names sort in order.
std::filesystem::path part_path(const std::filesystem::path& raw, const GenParams& params,
                                Entity entity, uint64_t part, bool truth = false);

// Creates RAW's folders and removes part files left there by an earlier run
// (only files named part-*.csv in the generator's own folders).
void prepare_output(const std::filesystem::path& raw);

// Runs `tasks` on `threads` OpenMP threads, writing their files; the result
// does not depend on the number of threads.
GenTotals run_tasks(const GenParams& params, const std::filesystem::path& raw,
                    std::span<const Task> tasks, int threads);

}  // namespace adlake::gen
