#include "adlake/clean/timestamp.hpp"

#include "adlake/clean/text.hpp"

// Hand-written rather than std::regex or std::get_time: this runs on every
// request, impression and click (tens of millions of rows), and both of those
// allocate or consult the locale.

namespace adlake::clean {
namespace {

// The value of s[pos, pos + n) if all are digits, else -1.
constexpr int digits_at(std::string_view s, std::size_t pos, std::size_t n) {
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i])) return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

std::optional<std::int64_t> in_range(std::int64_t seconds) {
  if (seconds < kMinTimestamp || seconds >= kEndTimestamp) return std::nullopt;
  return seconds;
}

std::optional<std::int64_t> epoch(std::string_view s) {
  if (s.size() > 13 || s.size() == 12) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : s) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  // Non-negative, so integer division floors.
  return in_range(s.size() == 13 ? value / 1000 : value);
}

// Offset in seconds east of UTC from "+HH:MM" / "-HH:MM" at s[pos], or
// nullopt; the caller has checked that exactly 6 bytes remain.
std::optional<std::int64_t> offset_at(std::string_view s, std::size_t pos) {
  const int hours = digits_at(s, pos + 1, 2);
  const int minutes = digits_at(s, pos + 4, 2);
  if (s[pos + 3] != ':' || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
    return std::nullopt;
  }
  const std::int64_t seconds = hours * 3600 + minutes * 60;
  return s[pos] == '-' ? -seconds : seconds;
}

std::optional<std::int64_t> iso(std::string_view s) {
  constexpr std::size_t kBaseLength = 19;  // YYYY-MM-DDTHH:MM:SS
  if (s.size() < kBaseLength) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':') {
    return std::nullopt;
  }
  const int year = digits_at(s, 0, 4);
  const int month = digits_at(s, 5, 2);
  const int day = digits_at(s, 8, 2);
  const int hour = digits_at(s, 11, 2);
  const int minute = digits_at(s, 14, 2);
  const int second = digits_at(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 ||
      day > static_cast<int>(days_in_month(year, month)) || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }

  std::size_t pos = kBaseLength;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t first = ++pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    if (pos == first) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z') {
      ++pos;
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() - pos == 6) {
      const auto parsed = offset_at(s, pos);
      if (!parsed) return std::nullopt;
      offset = *parsed;
      pos += 6;
    }
  }
  if (pos != s.size()) return std::nullopt;

  const std::int64_t local =
      days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return in_range(local - offset);
}

}  // namespace

std::optional<std::int64_t> timestamp(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  if (s.empty()) return std::nullopt;
  // All digits: an epoch (the ISO forms always hold a '-').
  if (s.find_first_not_of("0123456789") == std::string_view::npos) return epoch(s);
  return iso(s);
}

}  // namespace adlake::clean
