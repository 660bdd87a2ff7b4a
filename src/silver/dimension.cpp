#include "adlake/silver/dimension.hpp"

#include <string>

#include "adlake/core/error.hpp"

namespace adlake::silver {

std::string_view label(JoinStrategy strategy) {
  switch (strategy) {
    case JoinStrategy::kAuto:
      return "auto";
    case JoinStrategy::kBroadcast:
      return "broadcast";
    case JoinStrategy::kShuffle:
      return "shuffle";
  }
  return "auto";
}

JoinStrategy parse_join_strategy(std::string_view text) {
  for (const auto s : {JoinStrategy::kAuto, JoinStrategy::kBroadcast, JoinStrategy::kShuffle}) {
    if (text == label(s)) return s;
  }
  throw UsageError("dimension join must be auto, broadcast or shuffle, not '" + std::string(text) +
                   "'");
}

JoinStrategy resolve_join(JoinStrategy requested, std::int64_t dimension_bytes,
                          std::int64_t threshold_bytes) {
  if (requested != JoinStrategy::kAuto) return requested;
  return dimension_bytes < threshold_bytes ? JoinStrategy::kBroadcast : JoinStrategy::kShuffle;
}

}  // namespace adlake::silver
