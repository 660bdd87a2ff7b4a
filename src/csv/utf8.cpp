#include "adlake/csv/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace adlake::csv {

namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0U) == 0x80U;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* const end = p + bytes.size();
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  while (p < end) {
    // Hot path: logs are almost all ASCII, so test 16 bytes per step and fall
    // back to the byte-wise decoder only around non-ASCII bytes.
    while (end - p >= 16) {
      std::uint64_t a = 0;
      std::uint64_t b = 0;
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + 8, 8);
      if (((a | b) & kHighBits) != 0) break;
      p += 16;
    }
    if (p == end) break;
    const unsigned char lead = *p;
    if (lead < 0x80U) {
      ++p;
      continue;
    }
    const std::ptrdiff_t left = end - p;
    if (lead < 0xC2U) return false;  // stray continuation byte or overlong 2-byte form
    if (lead < 0xE0U) {
      if (left < 2 || !is_continuation(p[1])) return false;
      p += 2;
    } else if (lead < 0xF0U) {
      if (left < 3) return false;
      const unsigned char low = lead == 0xE0U ? 0xA0U : 0x80U;   // overlong
      const unsigned char high = lead == 0xEDU ? 0x9FU : 0xBFU;  // surrogates
      if (p[1] < low || p[1] > high || !is_continuation(p[2])) return false;
      p += 3;
    } else if (lead < 0xF5U) {
      if (left < 4) return false;
      const unsigned char low = lead == 0xF0U ? 0x90U : 0x80U;   // overlong
      const unsigned char high = lead == 0xF4U ? 0x8FU : 0xBFU;  // above U+10FFFF
      if (p[1] < low || p[1] > high || !is_continuation(p[2]) || !is_continuation(p[3])) {
        return false;
      }
      p += 4;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace adlake::csv
