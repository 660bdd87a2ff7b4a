#pragma once
// Free-text values of CONTRACT 2.1: ids, keys and names. They are kept as
// given after trimming (case-sensitive, CONTRACT 2.5). The results are views
// into the bronze value (or into a static literal), so nothing is allocated.
#include <optional>
#include <string_view>

#include "adlake/clean/text.hpp"

namespace adlake::clean {

inline constexpr std::size_t kMaxIdBytes = 64;
inline constexpr std::size_t kMaxNameBytes = 128;
// What an empty id or name becomes (named apart from the enums' kUnknown).
inline constexpr std::string_view kUnknownText = "unknown";

using Id = FixedString<kMaxIdBytes>;
using Name = FixedString<kMaxNameBytes>;

// `user_id`, `app_id` of a request: at most 64 bytes, empty -> "unknown";
// nullopt (longer) is a reject `invalid_id`.
std::optional<std::string_view> request_id(std::string_view bronze);

// The key of a dimension row (`user_id`, `campaign_id`, `app_id`) and
// `campaign_id` of an impression: 1 to 64 bytes; nullopt is a reject
// `missing_key`.
std::optional<std::string_view> key(std::string_view bronze);

// `advertiser`, `app_name`: empty -> "unknown"; longer than 128 bytes -> cut to
// 128 at a UTF-8 boundary (a character that would straddle byte 128 is dropped
// whole; the cut is not trimmed again). Bronze guarantees valid UTF-8; on
// invalid input the cut backs up over at most 3 continuation bytes.
std::string_view name(std::string_view bronze);

}  // namespace adlake::clean
