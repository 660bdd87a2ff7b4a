#include <CLI/CLI.hpp>

#include "adlake/stages/bronze.hpp"

namespace adlake {

void add_bronze_options(CLI::App& command, BronzeOptions& options) {
  command
      .add_option("--progress-seconds", options.progress_seconds, "seconds between progress lines")
      ->capture_default_str();
}

}  // namespace adlake
