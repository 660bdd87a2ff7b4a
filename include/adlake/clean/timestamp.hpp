#pragma once
// Timestamps (CONTRACT 2.1 `ts`, `updated_at`; fine print in 2.5) as int64
// seconds since 1970-01-01T00:00:00Z.
//
// Accepted, after trimming spaces and tabs:
//   YYYY-MM-DDTHH:MM:SS or YYYY-MM-DD HH:MM:SS (exactly these digit counts),
//   then optionally `.` and one or more digits (dropped, not rounded),
//   then optionally `Z` or an offset +HH:MM / -HH:MM (HH 00-23, MM 00-59),
//   with a real Gregorian date (leap years included), hours 00-23, minutes and
//   seconds 00-59 (no 24:00:00, no leap second 23:59:60); `T` and `Z` upper
//   case only; no offset means UTC; the offset is applied (local - offset);
// or an unsigned integer of 1-11 digits (epoch seconds) or of exactly 13 digits
//   (epoch milliseconds, floored to seconds); 12 digits and 14+ are invalid.
// The result must lie in [2000-01-01, 2100-01-01) UTC, checked after the
// offset is applied (so 2100-01-01T00:30:00+01:00 is valid).
#include <cstdint>
#include <optional>
#include <string_view>

namespace adlake::clean {

inline constexpr std::int64_t kMinTimestamp = 946684800;   // 2000-01-01T00:00:00Z
inline constexpr std::int64_t kEndTimestamp = 4102444800;  // 2100-01-01T00:00:00Z, excluded

// Days from 1970-01-01 to the proleptic Gregorian date y-m-d (m 1-12, d 1-31,
// not validated here); H. Hinnant's days_from_civil.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

constexpr bool is_leap_year(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr unsigned days_in_month(std::int64_t y, unsigned m) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

// The bronze value, untrimmed; nullopt is a reject `invalid_timestamp`.
std::optional<std::int64_t> timestamp(std::string_view bronze);

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 1, 1) * 86400 == kMinTimestamp);
static_assert(days_from_civil(2100, 1, 1) * 86400 == kEndTimestamp);

}  // namespace adlake::clean
