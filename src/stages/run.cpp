#include "adlake/stages/run.hpp"

#include <filesystem>

#include "adlake/stages/run_steps.hpp"

namespace adlake {
namespace fs = std::filesystem;

namespace {

// The stages in order: name, layer, fingerprint spec and call. A stage's
// options get the run's --input and --lake.
std::vector<RunStep> make_steps(const RunOptions& options) {
  const auto layer = [&](const char* name) { return (fs::path(options.lake) / name).string(); };
  std::vector<RunStep> steps;

  BronzeOptions bronze = options.bronze;
  bronze.input = options.input;
  bronze.lake = options.lake;
  steps.push_back({"bronze", layer("bronze.h5"), {}, bronze_fingerprint_spec(bronze),
                   [bronze](Context& ctx) { run_bronze(ctx, bronze); }});

  SilverOptions silver = options.silver;
  silver.lake = options.lake;
  steps.push_back({"silver", layer("silver.h5"), {}, silver_fingerprint_spec(silver),
                   [silver](Context& ctx) { run_silver(ctx, silver); }});

  GoldOptions gold = options.gold;
  gold.lake = options.lake;
  steps.push_back({"gold", layer("gold.h5"), {}, gold_fingerprint_spec(gold),
                   [gold](Context& ctx) { run_gold(ctx, gold); }});
  return steps;
}

}  // namespace

std::vector<std::string> pipeline_stages() {
  std::vector<std::string> names;
  for (const auto& step : make_steps(RunOptions{})) names.push_back(step.name);
  return names;
}

void run_pipeline(Context& ctx, const RunOptions& options) {
  run_steps(ctx, make_steps(options), {options.from, options.to, options.force});
}

}  // namespace adlake
