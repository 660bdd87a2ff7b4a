#pragma once
// The enumerated values of silver (CONTRACT 2.1, 2.4) and their labels.
//
// Every label list is sorted byte-wise and an enumerator's code is its index in
// the list, so CODE ORDER EQUALS TEXT ORDER: silver's dedup ("enumerated values
// compare as their text", CONTRACT 2.3) and gold's "ordered by the key's text"
// may compare codes directly. The static_asserts below keep it that way.
//
// The labels are the HDF5 enum member names (CONTRACT 5); use enum_members()
// to build a column's enum type. `none` (Category, CampaignType) exists only in
// the fact table's columns for a request without impression; the dimension
// tables' types leave it out (enum_members(..., NoneMember::kExclude)).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace adlake::clean {

enum class DeviceType : std::uint8_t { kCtv, kDesktop, kPhone, kTablet, kUnknown };

enum class Os : std::uint8_t { kAndroid, kIos, kLinux, kMacos, kOther, kUnknown, kWindows };

enum class Gender : std::uint8_t { kF, kM, kU };

// The 50 states and DC by USPS code, and UNK; UNK sits between TX and UT
// because "UNK" < "UT" byte-wise.
// clang-format off
enum class State : std::uint8_t {
  kAK, kAL, kAR, kAZ, kCA, kCO, kCT, kDC, kDE, kFL, kGA, kHI, kIA,
  kID, kIL, kIN, kKS, kKY, kLA, kMA, kMD, kME, kMI, kMN, kMO, kMS,
  kMT, kNC, kND, kNE, kNH, kNJ, kNM, kNV, kNY, kOH, kOK, kOR, kPA,
  kRI, kSC, kSD, kTN, kTX, kUNK, kUT, kVA, kVT, kWA, kWI, kWV, kWY,
};
// clang-format on

// interest (users), genre (apps), category (campaigns, fact): the ten topics,
// `unknown`, and `none` for the fact's category without impression.
// clang-format off
enum class Category : std::uint8_t {
  kEducation, kFinance, kFood, kGaming, kHealth, kNews,
  kNone, kShopping, kSocial, kSports, kTravel, kUnknown,
};
// clang-format on

// `none` only in the fact table (no impression); a campaign row always has one
// of the three.
enum class CampaignType : std::uint8_t { kCpc, kCpi, kCpm, kNone };

// clang-format off
enum class AgeBucket : std::uint8_t {
  k13To17, k18To24, k25To34, k35To44, k45To54, k55To64, k65Plus, kUnknown,
};
// clang-format on

// Why a row is rejected by the value rules (CONTRACT 2.1). The referential
// reasons of CONTRACT 2.3 step 3 belong to silver, not to these rules.
// clang-format off
enum class RejectReason : std::uint8_t {
  kInvalidCampaignType, kInvalidId, kInvalidNumber, kInvalidTimestamp, kMissingKey,
};
// clang-format on

template <class E>
struct EnumTraits;

template <>
struct EnumTraits<DeviceType> {
  static constexpr std::array<std::string_view, 5> labels{"ctv", "desktop", "phone", "tablet",
                                                          "unknown"};
};
template <>
struct EnumTraits<Os> {
  static constexpr std::array<std::string_view, 7> labels{"android", "ios",     "linux",  "macos",
                                                          "other",   "unknown", "windows"};
};
template <>
struct EnumTraits<Gender> {
  static constexpr std::array<std::string_view, 3> labels{"F", "M", "U"};
};
template <>
struct EnumTraits<State> {
  static constexpr std::array<std::string_view, 52> labels{
      "AK", "AL", "AR", "AZ", "CA", "CO",  "CT", "DC", "DE", "FL", "GA", "HI", "IA",
      "ID", "IL", "IN", "KS", "KY", "LA",  "MA", "MD", "ME", "MI", "MN", "MO", "MS",
      "MT", "NC", "ND", "NE", "NH", "NJ",  "NM", "NV", "NY", "OH", "OK", "OR", "PA",
      "RI", "SC", "SD", "TN", "TX", "UNK", "UT", "VA", "VT", "WA", "WI", "WV", "WY"};
};
template <>
struct EnumTraits<Category> {
  static constexpr std::array<std::string_view, 12> labels{
      "education", "finance",  "food",   "gaming", "health", "news",
      "none",      "shopping", "social", "sports", "travel", "unknown"};
  static constexpr Category none = Category::kNone;
};
template <>
struct EnumTraits<CampaignType> {
  static constexpr std::array<std::string_view, 4> labels{"CPC", "CPI", "CPM", "none"};
  static constexpr CampaignType none = CampaignType::kNone;
};
template <>
struct EnumTraits<AgeBucket> {
  static constexpr std::array<std::string_view, 8> labels{"13-17", "18-24", "25-34", "35-44",
                                                          "45-54", "55-64", "65+",   "unknown"};
};
template <>
struct EnumTraits<RejectReason> {
  static constexpr std::array<std::string_view, 5> labels{
      "invalid_campaign_type", "invalid_id", "invalid_number", "invalid_timestamp", "missing_key"};
};

template <class E>
concept LabelledEnum = requires {
  EnumTraits<E>::labels;
};

template <LabelledEnum E>
constexpr std::size_t enum_count = EnumTraits<E>::labels.size();

template <LabelledEnum E>
constexpr std::uint8_t code(E value) {
  return static_cast<std::uint8_t>(value);
}

template <LabelledEnum E>
constexpr std::string_view label(E value) {
  return EnumTraits<E>::labels[code(value)];
}

template <LabelledEnum E>
constexpr std::optional<E> from_code(std::uint8_t c) {
  if (c >= enum_count<E>) return std::nullopt;
  return static_cast<E>(c);
}

// Exact, case-sensitive: for reading back a stored label, not for cleaning a
// raw value (the value rules in values.hpp do that).
template <LabelledEnum E>
constexpr std::optional<E> from_label(std::string_view text) {
  const auto& labels = EnumTraits<E>::labels;
  const auto it = std::lower_bound(labels.begin(), labels.end(), text);
  if (it == labels.end() || *it != text) return std::nullopt;
  return static_cast<E>(it - labels.begin());
}

// One member of an HDF5 enum type: its name and its value.
struct EnumMember {
  std::string_view label;
  std::uint8_t code;
};

enum class NoneMember : bool { kExclude, kInclude };

// The members of a column's enum type, in code order. kExclude drops `none`
// (dimension tables); enums without `none` ignore it.
template <LabelledEnum E>
std::vector<EnumMember> enum_members(NoneMember none = NoneMember::kInclude) {
  std::vector<EnumMember> members;
  for (std::size_t i = 0; i < enum_count<E>; ++i) {
    if constexpr (requires { EnumTraits<E>::none; }) {
      if (none == NoneMember::kExclude && i == code(EnumTraits<E>::none)) continue;
    }
    members.push_back({EnumTraits<E>::labels[i], static_cast<std::uint8_t>(i)});
  }
  return members;
}

namespace detail {
template <std::size_t N>
constexpr bool strictly_sorted(const std::array<std::string_view, N>& labels) {
  return std::adjacent_find(labels.begin(), labels.end(),
                            [](auto a, auto b) { return !(a < b); }) == labels.end();
}
}  // namespace detail

static_assert(detail::strictly_sorted(EnumTraits<DeviceType>::labels));
static_assert(detail::strictly_sorted(EnumTraits<Os>::labels));
static_assert(detail::strictly_sorted(EnumTraits<Gender>::labels));
static_assert(detail::strictly_sorted(EnumTraits<State>::labels));
static_assert(detail::strictly_sorted(EnumTraits<Category>::labels));
static_assert(detail::strictly_sorted(EnumTraits<CampaignType>::labels));
static_assert(detail::strictly_sorted(EnumTraits<AgeBucket>::labels));
static_assert(detail::strictly_sorted(EnumTraits<RejectReason>::labels));
static_assert(label(State::kUNK) == "UNK" && label(State::kWY) == "WY");
static_assert(label(Category::kNone) == "none" && label(Category::kUnknown) == "unknown");
static_assert(label(AgeBucket::kUnknown) == "unknown");

}  // namespace adlake::clean
