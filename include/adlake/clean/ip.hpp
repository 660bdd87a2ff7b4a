#pragma once
// `ip` -> `ip_prefix` (CONTRACT 2.1, 2.5): a dotted IPv4 address a.b.c.d, each
// part 1-3 digits (no sign, leading zeros allowed) with value 0-255, becomes
// "a.b.c.0/24" with leading zeros dropped; anything else is "unknown".
//
// Privacy: the full address is never returned, stored or logged by this code;
// callers must not log the bronze value either.
#include <string_view>

#include "adlake/clean/text.hpp"

namespace adlake::clean {

// "255.255.255.0/24" is the longest prefix text.
using IpPrefix = FixedString<16>;

inline constexpr std::string_view kUnknownIpPrefix = "unknown";

IpPrefix ip_prefix(std::string_view bronze);

}  // namespace adlake::clean
