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
    command
        .add_option("--broadcast-threshold", options_.broadcast_threshold_bytes,
                    "bytes (e.g. 64MiB): a smaller deduplicated dimension is broadcast, a larger "
                    "one joined by shuffle")
        ->transform(CLI::AsSizeValue(false))
        ->capture_default_str();
    command.add_option("--dimension-join", join_, "auto, broadcast or shuffle (forces one path)")
        ->check(CLI::IsMember({"auto", "broadcast", "shuffle"}))
        ->capture_default_str();
  }
  void run(Context& ctx) override {
    options_.dimension_join = ops::parse_join_strategy(join_);
    run_silver(ctx, options_);
  }

 private:
  SilverOptions options_;
  std::string join_ = "auto";
};

const Registrar<SilverJob> kRegistrar(
    "silver", "cleanse, deduplicate and join LAKE/bronze.h5 into LAKE/silver.h5", 30);

}  // namespace

}  // namespace adlake::jobs
