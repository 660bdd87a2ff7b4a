#pragma once
// Why a bronze line is not a row (CONTRACT 2.2). The enumerators are in the
// contract's priority order (2.5): when a line is malformed in several ways,
// the first reason that applies is the one reported.
#include <array>
#include <cstdint>
#include <string_view>

namespace adlake::csv {

enum class RejectReason : std::uint8_t {
  InvalidEncoding = 0,
  UnterminatedQuote = 1,
  FieldCount = 2,
  FieldTooLong = 3,
};

inline constexpr std::size_t kRejectReasonCount = 4;

// The contract's names, indexed by the enumerator's value (also the labels of
// the HDF5 enum column `reason`).
inline constexpr std::array<std::string_view, kRejectReasonCount> kRejectReasonNames = {
    "invalid_encoding", "unterminated_quote", "field_count", "field_too_long"};

constexpr std::string_view reject_reason_name(RejectReason reason) {
  return kRejectReasonNames[static_cast<std::size_t>(reason)];
}

}  // namespace adlake::csv
