#pragma once
// What train keeps of gold's /features share: the rank's train rows binned
// with binnings fitted on the whole split, and its test rows binned the same
// way. Both are made before growing, so the share itself can go.
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/forest/binning.hpp"
#include "adlake/forest/tree_builder.hpp"
#include "adlake/model/features.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake::model {

// This rank's share of the train split; no rank holds more.
struct TrainingData {
  std::vector<forest::FeatureBinning> binnings;
  forest::TrainingSet set;
  uint64_t positives = 0;  // in the whole split
};

// This rank's test rows, in table order.
struct TestRows {
  forest::BinnedMatrix x;
  std::vector<uint8_t> labels;
  std::vector<std::string> ids;  // only when asked (for the truth files)
};

// Collective. Checks the memory it needs against the job's budget first
// (core/memory_budget.hpp); a train split with no row is a DataError.
TrainingData bin_training(const Context& ctx, const Table& local,
                          const std::vector<FeatureSpec>& specs, const std::string& where);

// Collective. The test rows of `local` binned with `binnings`.
TestRows bin_test_rows(const Comm& comm, const Table& local,
                       const std::vector<forest::FeatureBinning>& binnings, bool with_ids,
                       const std::string& where);

}  // namespace adlake::model
