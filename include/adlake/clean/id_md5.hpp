#pragma once
// id_md5 (CONTRACT 2.1): lowercased, exactly 32 of 0-9a-f.
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace adlake::clean {

// The 16 bytes the 32 hex digits spell, first digit in the high nibble of
// bytes[0]. Byte-wise order of this array equals the byte-wise order of the
// lower-case hex text, so sorting and range-partitioning on it give the same
// result as on the S32 column (CONTRACT 2.4 sorts by id_md5).
struct IdMd5 {
  std::array<std::uint8_t, 16> bytes{};

  friend auto operator<=>(const IdMd5&, const IdMd5&) = default;

  // The lower-case hex text, as stored in silver's S32 column.
  std::array<char, 32> hex() const;
  // The first 8 bytes as a big-endian integer: uniform for MD5s, monotonic in
  // the id order; for splitting the id space into equal ranges.
  std::uint64_t high64() const;
};

// The bronze value, untrimmed. Upper-case hex digits are folded; anything but
// exactly 32 hex digits after trimming is nullopt (reject `invalid_id`).
std::optional<IdMd5> id_md5(std::string_view bronze);

}  // namespace adlake::clean
