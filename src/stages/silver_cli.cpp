#include <CLI/CLI.hpp>

#include "adlake/stages/silver.hpp"

namespace adlake {

void add_silver_options(CLI::App& command, SilverOptions& options) {
  command
      .add_option("--broadcast-threshold", options.broadcast_threshold_bytes,
                  "bytes (e.g. 64MiB): a smaller deduplicated dimension is broadcast, a larger "
                  "one joined by shuffle")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  command
      .add_option_function<std::string>(
          "--dimension-join",
          [&options](const std::string& text) {
            options.dimension_join = silver::parse_join_strategy(text);
          },
          "auto, broadcast or shuffle (forces one path)")
      ->check(CLI::IsMember({"auto", "broadcast", "shuffle"}))
      ->default_str(std::string(silver::label(options.dimension_join)));
}

}  // namespace adlake
