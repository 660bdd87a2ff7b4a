#include "adlake/clean/ip.hpp"

#include <array>

namespace adlake::clean {
namespace {

// Parses four parts; false on anything but exactly a.b.c.d with 1-3 digits
// and a value <= 255 per part.
bool parse_ipv4(std::string_view s, std::array<int, 4>& parts) {
  std::size_t pos = 0;
  for (std::size_t part = 0; part < 4; ++part) {
    if (part > 0) {
      if (pos >= s.size() || s[pos] != '.') return false;
      ++pos;
    }
    const std::size_t first = pos;
    int value = 0;
    while (pos < s.size() && is_digit(s[pos]) && pos - first < 3) {
      value = value * 10 + (s[pos] - '0');
      ++pos;
    }
    if (pos == first || value > 255) return false;
    parts[part] = value;
  }
  return pos == s.size();
}

char* append_decimal(char* out, int value) {
  if (value >= 100) *out++ = static_cast<char>('0' + value / 100);
  if (value >= 10) *out++ = static_cast<char>('0' + value / 10 % 10);
  *out++ = static_cast<char>('0' + value % 10);
  return out;
}

}  // namespace

IpPrefix ip_prefix(std::string_view bronze) {
  std::array<int, 4> parts;
  if (!parse_ipv4(trim(bronze), parts)) return IpPrefix::from(kUnknownIpPrefix);
  std::array<char, IpPrefix::capacity> text;
  char* out = text.data();
  for (std::size_t i = 0; i < 3; ++i) {
    out = append_decimal(out, parts[i]);
    *out++ = '.';
  }
  constexpr std::string_view kTail = "0/24";
  for (const char c : kTail) *out++ = c;
  return IpPrefix::from(std::string_view(text.data(), static_cast<std::size_t>(out - text.data())));
}

}  // namespace adlake::clean
