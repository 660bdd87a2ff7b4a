#pragma once
// `adlake run` (CONTRACT 0): bronze, silver, gold, train and report
// in one MPI job, each skipped when its output is up to date
// (stages/run_steps.hpp).
#include <string>
#include <vector>

#include "adlake/mpi/context.hpp"
#include "adlake/stages/bronze.hpp"
#include "adlake/stages/gold.hpp"
#include "adlake/stages/report.hpp"
#include "adlake/stages/silver.hpp"
#include "adlake/stages/train.hpp"

namespace CLI {
class App;
}

namespace adlake {

struct RunOptions {
  std::string input;   // RAW
  std::string lake;    // LAKE
  std::string from;    // first stage to consider (empty: bronze)
  std::string to;      // last stage to consider (empty: the last)
  bool force = false;  // rebuild the selected stages even when up to date
  BronzeOptions bronze;
  SilverOptions silver;
  GoldOptions gold;
  TrainOptions train;
};

// Collective. Copies input/lake into every stage's options and runs them.
void run_pipeline(Context& ctx, const RunOptions& options);

// The stage names of run, in order.
std::vector<std::string> pipeline_stages();

// --input, --lake, --from, --to, --force and every stage's own options, one
// option group per stage; an option several stages have (--progress-seconds)
// is shown once and sets all of them.
void add_run_options(CLI::App& command, RunOptions& options);

}  // namespace adlake
