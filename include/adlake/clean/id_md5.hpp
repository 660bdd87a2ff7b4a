#pragma once
// id_md5 (CONTRACT 2.1): lowercased, exactly 32 of 0-9a-f.
#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace adlake::clean {

// The 16 bytes the 32 hex digits spell, first digit in the high nibble of
// bytes[0]. Byte-wise order of this array equals the byte-wise order of the
// lower-case hex text, so sorting and range-partitioning on it give the same
// result as on the S32 column (CONTRACT 2.4 sorts by id_md5).
struct IdMd5 {
  std::array<std::uint8_t, 16> bytes{};

  // Compared as two big-endian 64-bit words (same order as the bytes): silver
  // compares ids tens of millions of times (merges, fact assembly), and the
  // defaulted array comparison is a call to memcmp each time.
  friend bool operator==(const IdMd5& a, const IdMd5& b) {
    return a.word(0) == b.word(0) && a.word(1) == b.word(1);
  }
  friend std::strong_ordering operator<=>(const IdMd5& a, const IdMd5& b) {
    if (const auto c = a.high64() <=> b.high64(); c != 0) return c;
    return a.low64() <=> b.low64();
  }

  // The lower-case hex text, as stored in silver's S32 column.
  std::array<char, 32> hex() const;
  // The first 8 bytes as a big-endian integer: uniform for MD5s, monotonic in
  // the id order; for splitting the id space into equal ranges.
  std::uint64_t high64() const { return __builtin_bswap64(word(0)); }
  // The last 8 bytes as a big-endian integer: (high64, low64) orders like the id.
  std::uint64_t low64() const { return __builtin_bswap64(word(1)); }

 private:
  // Bytes [8 * i, 8 * i + 8) as stored (little-endian machines: byte-swapped).
  std::uint64_t word(std::size_t i) const {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + 8 * i, sizeof w);
    return w;
  }
};
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "IdMd5::high64 assumes little-endian");

// The bronze value, untrimmed. Upper-case hex digits are folded; anything but
// exactly 32 hex digits after trimming is nullopt (reject `invalid_id`).
std::optional<IdMd5> id_md5(std::string_view bronze);

}  // namespace adlake::clean
