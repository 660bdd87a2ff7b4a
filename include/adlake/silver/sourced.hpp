#pragma once
// What silver's kernels carry with every cleaned row: where it came from in the
// input, and, for a row that fails, why (CONTRACT 2.3).
#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "adlake/clean/enums.hpp"
#include "adlake/clean/rows.hpp"

namespace adlake::silver {

// A cleaned row and its position in input order (file name, then line): the
// index of its row in the bronze table, whose order is the input order
// (CONTRACT 5; the silver stage checks it). Dedup ties and the rejects tables
// use it (CONTRACT 2.5: "the earlier input row wins").
template <class Row>
struct Sourced {
  Row row;
  std::int64_t seq = 0;
};

using RequestRow = Sourced<clean::CleanRequest>;
using ImpressionRow = Sourced<clean::CleanImpression>;
using ClickRow = Sourced<clean::CleanClick>;
using UserRow = Sourced<clean::CleanUser>;
using CampaignRow = Sourced<clean::CleanCampaign>;
using AppRow = Sourced<clean::CleanApp>;

// Every reason a silver reject can carry: the value rules' reasons
// (clean::RejectReason) and the referential ones of CONTRACT 2.3 step 3.
// Sorted by label, like every enum of clean/enums.hpp.
// clang-format off
enum class RejectCause : std::uint8_t {
  kClickOutOfWindow, kInvalidCampaignType, kInvalidId, kInvalidNumber, kInvalidTimestamp,
  kMissingKey, kOrphanClick, kOrphanImpression, kUnknownCampaign,
};
// clang-format on

inline constexpr std::size_t kRejectCauseCount = 9;

RejectCause reject_cause(clean::RejectReason reason);

// A rejected row: its input position and why.
struct Rejected {
  std::int64_t seq = 0;
  RejectCause reason = RejectCause::kInvalidId;
};

static_assert(std::is_trivially_copyable_v<RequestRow>);
static_assert(std::is_trivially_copyable_v<Rejected>);

}  // namespace adlake::silver

template <>
struct adlake::clean::EnumTraits<adlake::silver::RejectCause> {
  static constexpr std::array<std::string_view, adlake::silver::kRejectCauseCount> labels{
      "click_out_of_window", "invalid_campaign_type", "invalid_id",
      "invalid_number",      "invalid_timestamp",     "missing_key",
      "orphan_click",        "orphan_impression",     "unknown_campaign"};
};

static_assert(adlake::clean::detail::strictly_sorted(
    adlake::clean::EnumTraits<adlake::silver::RejectCause>::labels));
