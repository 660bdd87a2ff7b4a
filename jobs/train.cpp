#include "adlake/stages/train.hpp"

#include "job_registry.hpp"

namespace {

struct TrainJob : adlake::jobs::Job {
  adlake::TrainOptions opts;
  void add_options(CLI::App& c) override {
    c.add_option("--lake", opts.lake,
                 "lake folder: reads gold.h5, writes model.h5 and metrics.json")
        ->required();
    adlake::add_train_options(c, opts);
  }
  void run(adlake::Context& ctx) override { adlake::run_train(ctx, opts); }
  std::optional<adlake::jobs::LakeWrite> lake_written() const override {
    return adlake::jobs::LakeWrite{opts.lake};
  }
};

const adlake::jobs::Registrar<TrainJob> reg{
    "train", "LAKE/gold.h5 -> LAKE/model.h5, LAKE/metrics.json (random forest for is_click)", 50};

}  // namespace
