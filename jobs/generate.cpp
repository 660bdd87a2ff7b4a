// adlake generate --out RAW --requests N --seed S [--noise RATE] [--block-size B]
#include "adlake/stages/generate.hpp"

#include "job_registry.hpp"

namespace adlake::jobs {

namespace {

class GenerateJob : public Job {
 public:
  void add_options(CLI::App& command) override {
    command.add_option("--out", options_.out, "raw output folder (RAW): <entity>/part-*.csv")
        ->required();
    command.add_option("--requests", options_.requests, "ad requests to generate")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    command.add_option("--seed", options_.seed, "random seed: same seed, same bytes")
        ->capture_default_str();
    command
        .add_option("--noise", options_.noise,
                    "share of rows given each kind of noise of CONTRACT 2 (0: clean logs)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 0.2));
    command
        .add_option("--block-size", options_.block_size,
                    "requests (or dimension rows) per part file; changes the output")
        ->capture_default_str()
        ->check(CLI::Range(uint64_t{100}, uint64_t{10'000'000}));
  }
  void run(Context& ctx) override { run_generate(ctx, options_); }

 private:
  GenerateOptions options_;
};

const Registrar<GenerateJob> kRegistrar(
    "generate", "synthetic noisy ad logs of the six entities into RAW, with truth files", 10);

}  // namespace

}  // namespace adlake::jobs
