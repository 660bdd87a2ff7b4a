#include "adlake/stages/run.hpp"

#include <filesystem>

#include "adlake/model/truth.hpp"
#include "adlake/stages/run_steps.hpp"

namespace adlake {
namespace fs = std::filesystem;

namespace {

template <class Options>
std::function<lineage::FingerprintSpec()> spec_of(lineage::FingerprintSpec (*make)(const Options&),
                                                  const Options& options) {
  return [make, options] { return make(options); };
}

// The stages in order: name, layer, fingerprint spec and call. A stage's
// options get the run's --input and --lake.
std::vector<RunStep> make_steps(const RunOptions& options) {
  const auto in_lake = [&](const char* name) { return (fs::path(options.lake) / name).string(); };
  std::vector<RunStep> steps;

  BronzeOptions bronze = options.bronze;
  bronze.input = options.input;
  bronze.lake = options.lake;
  steps.push_back({"bronze",
                   in_lake("bronze.h5"),
                   {},
                   spec_of(bronze_fingerprint_spec, bronze),
                   [bronze](Context& ctx) { run_bronze(ctx, bronze); }});

  SilverOptions silver = options.silver;
  silver.lake = options.lake;
  steps.push_back({"silver",
                   in_lake("silver.h5"),
                   {},
                   spec_of(silver_fingerprint_spec, silver),
                   [silver](Context& ctx) { run_silver(ctx, silver); }});

  GoldOptions gold = options.gold;
  gold.lake = options.lake;
  steps.push_back(
      {"gold", in_lake("gold.h5"), {}, spec_of(gold_fingerprint_spec, gold), [gold](Context& ctx) {
         run_gold(ctx, gold);
       }});

  TrainOptions train = options.train;
  train.lake = options.lake;
  steps.push_back({"train",
                   in_lake("model.h5"),
                   {in_lake("metrics.json")},
                   [train] {
                     return train_fingerprint_spec(train,
                                                   model::find_truth_dir(train.lake, train.truth));
                   },
                   [train](Context& ctx) { run_train(ctx, train); }});

  // Last: the page reads every layer (and shows this job's stage timings).
  ReportOptions report;
  report.lake = options.lake;
  steps.push_back({"report",
                   in_lake("report.html"),
                   {},
                   [report] { return report_fingerprint_spec(report); },
                   [report](Context& ctx) { run_report(ctx, report); }});
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
