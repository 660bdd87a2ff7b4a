#include "adlake/clean/id_md5.hpp"

#include <array>
#include <cstdint>

#include "adlake/clean/text.hpp"

namespace adlake::clean {
namespace {

// -1 for a byte that is not a hex digit; upper case folds to lower here.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char lower = to_lower(c);
  if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
  return -1;
}

}  // namespace

// hex_value of every byte: silver parses an id per request, impression and
// click (tens of millions), and a table lookup beats the range tests.
constexpr std::array<std::int8_t, 256> kHexValues = [] {
  std::array<std::int8_t, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = static_cast<std::int8_t>(hex_value(static_cast<char>(c)));
  return table;
}();

std::optional<IdMd5> id_md5(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  if (s.size() != 32) return std::nullopt;
  IdMd5 id;
  int bad = 0;  // any digit's value negative: checked once, after the loop
  for (std::size_t i = 0; i < 16; ++i) {
    const int high = kHexValues[static_cast<unsigned char>(s[2 * i])];
    const int low = kHexValues[static_cast<unsigned char>(s[2 * i + 1])];
    bad |= high | low;
    id.bytes[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  if (bad < 0) return std::nullopt;
  return id;
}

std::array<char, 32> IdMd5::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::array<char, 32> text;
  for (std::size_t i = 0; i < 16; ++i) {
    text[2 * i] = kDigits[bytes[i] >> 4];
    text[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
  return text;
}

}  // namespace adlake::clean
