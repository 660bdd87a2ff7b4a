#include "adlake/stages/score.hpp"

#include "job_registry.hpp"

namespace {

struct ScoreJob : adlake::jobs::Job {
  adlake::ScoreOptions opts;
  void add_options(CLI::App& c) override {
    c.add_option("--lake", opts.lake, "lake folder: reads gold.h5 /features")->required();
    c.add_option("--model", opts.model, "the model file (default: LAKE/model.h5)");
    c.add_option("--out", opts.out, "HDF5 file to write, with table /scores")->required();
  }
  void run(adlake::Context& ctx) override { adlake::run_score(ctx, opts); }
  std::optional<adlake::jobs::LakeWrite> lake_written() const override {
    if (!adlake::jobs::is_in_lake(opts.out, opts.lake)) return std::nullopt;
    return adlake::jobs::LakeWrite{opts.lake};
  }
};

const adlake::jobs::Registrar<ScoreJob> reg{
    "score", "apply a saved model to LAKE/gold.h5 /features: score and pctr of every row", 60};

}  // namespace
