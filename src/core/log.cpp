#include "adlake/core/log.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "adlake/core/error.hpp"

namespace adlake {
namespace {
std::string& tag_storage() {
  static std::string tag = "r0/1";
  return tag;
}
}  // namespace

void init_logging(int rank, int size, const std::string& level) {
  tag_storage() = fmt::format("r{}/{}", rank, size);
  auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    throw UsageError("unknown log level '" + level +
                     "' (use trace, debug, info, warn, error, critical or off)");
  }
  // stderr keeps stdout free for machine-readable output (e.g. catalog --json).
  auto logger = spdlog::get("adlake");
  if (!logger) logger = spdlog::stderr_color_mt("adlake");
  logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] [" + tag_storage() + "] %v");
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

const std::string& rank_tag() {
  return tag_storage();
}

}  // namespace adlake
