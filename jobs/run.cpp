// adlake run --input RAW --lake LAKE [--from STAGE] [--to STAGE] [--force] [stage options]
#include "adlake/stages/run.hpp"

#include "job_registry.hpp"

namespace {
struct RunJob : adlake::jobs::Job {
  adlake::RunOptions opts;
  void add_options(CLI::App& c) override { adlake::add_run_options(c, opts); }
  void run(adlake::Context& ctx) override { adlake::run_pipeline(ctx, opts); }
  std::optional<adlake::jobs::LakeWrite> lake_written() const override {
    return adlake::jobs::LakeWrite{opts.lake, true};
  }
};
const adlake::jobs::Registrar<RunJob> reg{
    "run", "the whole pipeline in one job, skipping the stages that are up to date", 70};
}  // namespace
