// adlake silver --lake LAKE
#include "adlake/stages/silver.hpp"

#include "job_registry.hpp"

namespace adlake::jobs {

namespace {

class SilverJob : public Job {
 public:
  void add_options(CLI::App& command) override {
    command.add_option("--lake", options_.lake, "lake folder: reads bronze.h5, writes silver.h5")
        ->required();
    add_silver_options(command, options_);
  }
  void run(Context& ctx) override { run_silver(ctx, options_); }
  std::optional<LakeWrite> lake_written() const override { return LakeWrite{options_.lake}; }

 private:
  SilverOptions options_;
};

const Registrar<SilverJob> kRegistrar(
    "silver", "cleanse, deduplicate and join LAKE/bronze.h5 into LAKE/silver.h5", 30);

}  // namespace

}  // namespace adlake::jobs
