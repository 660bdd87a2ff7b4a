#pragma once
// Logging setup: spdlog's default logger with timestamp, level and rank
// ("[r3/8]"). Rank 0 logs progress and summaries; every rank logs its errors.
#include <spdlog/spdlog.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "adlake/core/log_safe.hpp"

namespace adlake {

// Installs the default logger for this process. `level` is one of spdlog's
// names (trace, debug, info, warn, error, critical, off).
void init_logging(int rank, int size, const std::string& level);

// The rank tag used in log lines, e.g. "r3/8".
const std::string& rank_tag();

}  // namespace adlake
