// `adlake run` takes every stage's options, with the stage's own checks and
// conversions (an option several stages have would be one option setting all).
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>

#include "adlake/stages/run.hpp"

using namespace adlake;

namespace {
void parse(CLI::App& app, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes them in reverse
  app.parse(args);
}
}  // namespace

TEST_CASE("run options reach every stage") {
  CLI::App app;
  RunOptions options;
  add_run_options(app, options);
  parse(app, {"--input",
              "raw",
              "--lake",
              "lake",
              "--progress-seconds",
              "2.5",
              "--dimension-join",
              "shuffle",
              "--broadcast-threshold",
              "1KiB",
              "--from",
              "silver",
              "--force",
              "--categorical-integers",
              "slot",
              "hour_of_day",
              "--bootstrap",
              "false",
              "--class-weight",
              "none",
              "--n-estimators",
              "7"});
  CHECK(options.input == "raw");
  CHECK(options.lake == "lake");
  CHECK(options.from == "silver");
  CHECK(options.force);
  CHECK(options.bronze.progress_seconds == 2.5);
  CHECK(options.silver.dimension_join == silver::JoinStrategy::kShuffle);
  CHECK(options.silver.broadcast_threshold_bytes == 1024);
  CHECK(options.train.categorical_integers == std::vector<std::string>{"slot", "hour_of_day"});
  CHECK_FALSE(options.train.forest.bootstrap);
  CHECK(options.train.forest.class_weight == forest::ClassWeight::None);
  CHECK(options.train.forest.n_estimators == 7);
}

TEST_CASE("run options keep the stages' defaults and checks") {
  CLI::App app;
  RunOptions options;
  add_run_options(app, options);
  parse(app, {"--input", "raw", "--lake", "lake"});
  CHECK(options.bronze.progress_seconds == BronzeOptions{}.progress_seconds);
  CHECK(options.silver.dimension_join == silver::JoinStrategy::kAuto);
  CHECK_FALSE(options.force);

  CLI::App strict;
  RunOptions other;
  add_run_options(strict, other);
  CHECK_THROWS_AS(parse(strict, {"--input", "r", "--lake", "l", "--dimension-join", "sideways"}),
                  CLI::ValidationError);
  CHECK(app.get_option("--progress-seconds")->get_default_str() == "5");
}

TEST_CASE("the stages of run, in order") {
  const auto stages = pipeline_stages();
  REQUIRE(stages.size() >= 3);
  CHECK(stages[0] == "bronze");
  CHECK(stages[1] == "silver");
  CHECK(stages[2] == "gold");
  CHECK(stages[3] == "train");
  CHECK(stages.back() == "report");
}
