#pragma once
// The engine of `adlake run`: runs a chain of stages in one MPI job,
// skipping each stage whose layer is up to date (its recorded fingerprint
// equals the fingerprint of its current inputs and options), and rebuilding
// the rest in order. A stage publishes its layer atomically (h5::LayerFile),
// so a failed or killed run leaves every published layer intact and the next
// run carries on from the first missing or stale one.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "adlake/lineage/fingerprint.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake {

struct RunStep {
  std::string name;   // "silver"
  std::string layer;  // the layer file it publishes: LAKE/silver.h5
  // Other files it writes after publishing the layer (metrics.json): they must
  // exist and be no older than the layer.
  std::vector<std::string> outputs;
  // What its layer is made from; called on rank 0 when its turn comes (the
  // layers before it exist by then).
  std::function<lineage::FingerprintSpec()> spec;
  std::function<void(Context&)> run;
};

struct RunRange {
  std::string from;  // first stage to consider (empty: the first)
  std::string to;    // last stage to consider (empty: the last)
  bool force = false;
};

// Indexes [first, last] of the steps that `range` selects. Throws UsageError
// naming the valid stages when a name is unknown or `from` comes after `to`.
std::pair<size_t, size_t> select_steps(const std::vector<RunStep>& steps, const RunRange& range);

// Why a step must run, or empty when its layer is up to date. One process
// (rank 0): reads the layer's fingerprint.
std::string rebuild_reason(const RunStep& step, const lineage::Fingerprint& expected, bool force);

// Collective: runs the selected steps in order. Skipped steps are logged with
// the reason and listed in ctx.reports as "up to date".
void run_steps(Context& ctx, const std::vector<RunStep>& steps, const RunRange& range);

}  // namespace adlake
