#pragma once
// Logging setup: spdlog's default logger with timestamp, level and rank
// ("[r3/8]"). Rank 0 logs progress and summaries; every rank logs its errors.
#include <spdlog/spdlog.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace adlake {

// Installs the default logger for this process. `level` is one of spdlog's
// names (trace, debug, info, warn, error, critical, off).
void init_logging(int rank, int size, const std::string& level);

// The rank tag used in log lines, e.g. "r3/8".
const std::string& rank_tag();

// `text` for a log line or a message: printable ASCII as is, any other byte
// as \xNN (control bytes from a file must not reach a terminal), at most
// `limit` bytes of it followed by "..." when longer.
std::string log_safe(std::string_view text, std::size_t limit = 200);

}  // namespace adlake
