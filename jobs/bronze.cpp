// adlake bronze --input RAW --lake LAKE
#include "adlake/stages/bronze.hpp"

#include "job_registry.hpp"

namespace adlake::jobs {

namespace {

class BronzeJob : public Job {
 public:
  void add_options(CLI::App& command) override {
    command.add_option("--input", options_.input, "raw CSV folder: <entity>/*.csv or <entity>.csv")
        ->required();
    command.add_option("--lake", options_.lake, "lake folder; bronze.h5 is written there")
        ->required();
    add_bronze_options(command, options_);
  }
  void run(Context& ctx) override { run_bronze(ctx, options_); }
  std::optional<LakeWrite> lake_written() const override { return LakeWrite{options_.lake, true}; }

 private:
  BronzeOptions options_;
};

const Registrar<BronzeJob> kRegistrar("bronze", "parallel CSV ingest: RAW into LAKE/bronze.h5", 20);

}  // namespace

}  // namespace adlake::jobs
