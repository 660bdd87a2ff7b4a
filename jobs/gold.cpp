#include "adlake/stages/gold.hpp"

#include "job_registry.hpp"

namespace {

struct GoldJob : adlake::jobs::Job {
  adlake::GoldOptions opts;
  void add_options(CLI::App& c) override {
    c.add_option("--lake", opts.lake, "lake folder: reads silver.h5, writes gold.h5")->required();
  }
  void run(adlake::Context& ctx) override { adlake::run_gold(ctx, opts); }
  std::optional<adlake::jobs::LakeWrite> lake_written() const override {
    return adlake::jobs::LakeWrite{opts.lake};
  }
};

const adlake::jobs::Registrar<GoldJob> reg{
    "gold", "LAKE/silver.h5 -> LAKE/gold.h5 (features, aggregates)", 40};

}  // namespace
