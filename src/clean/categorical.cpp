#include "adlake/clean/categorical.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <utility>

#include "adlake/clean/text.hpp"

namespace adlake::clean {
namespace {

template <class E>
using Alias = std::pair<std::string_view, E>;

// A value is one of E's labels (enums.hpp, in any case) other than those in
// `not_values`, or one of the contract's aliases. Linear search: cheaper than
// hashing at these sizes, and a length mismatch rejects at once.
template <LabelledEnum E, std::size_t N = 0>
std::optional<E> lookup(std::string_view value, std::initializer_list<E> not_values,
                        const std::array<Alias<E>, N>& aliases = {}) {
  for (std::size_t c = 0; c < enum_count<E>; ++c) {
    const auto e = static_cast<E>(c);
    if (equals_folded(value, label(e)) &&
        std::find(not_values.begin(), not_values.end(), e) == not_values.end())
      return e;
  }
  for (const auto& [text, result] : aliases) {
    if (equals_lowered(value, text)) return result;
  }
  return std::nullopt;
}

// The aliases of CONTRACT 2.1 (lower case).
constexpr std::array<Alias<DeviceType>, 7> kDeviceAliases{{
    {"mobile", DeviceType::kPhone},
    {"smartphone", DeviceType::kPhone},
    {"pc", DeviceType::kDesktop},
    {"computer", DeviceType::kDesktop},
    {"tv", DeviceType::kCtv},
    {"smart_tv", DeviceType::kCtv},
    {"connected_tv", DeviceType::kCtv},
}};
constexpr std::array<Alias<Os>, 7> kOsAliases{{
    {"iphone os", Os::kIos},
    {"mac", Os::kMacos},
    {"osx", Os::kMacos},
    {"mac os x", Os::kMacos},
    {"win", Os::kWindows},
    {"win10", Os::kWindows},
    {"windows 10", Os::kWindows},
}};
constexpr std::array<Alias<Gender>, 4> kGenderAliases{{
    {"male", Gender::kM},
    {"man", Gender::kM},
    {"female", Gender::kF},
    {"woman", Gender::kF},
}};
constexpr std::array<std::string_view, 5> kInstallTrue{"1", "true", "yes", "y", "t"};

}  // namespace

// The label `unknown` cleans to unknown like any other value not listed.
DeviceType device_type(std::string_view bronze) {
  return lookup<DeviceType>(trim(bronze), {}, kDeviceAliases).value_or(DeviceType::kUnknown);
}

// The words `other` and `unknown` are not values of the list: they clean to other.
Os os(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  if (s.empty()) return Os::kUnknown;
  return lookup<Os>(s, {Os::kOther, Os::kUnknown}, kOsAliases).value_or(Os::kOther);
}

Gender gender(std::string_view bronze) {
  return lookup<Gender>(trim(bronze), {}, kGenderAliases).value_or(Gender::kU);
}

// `none` marks only a fact row without impression: as a value it is unknown.
Category category(std::string_view bronze) {
  return lookup<Category>(trim(bronze), {Category::kNone}).value_or(Category::kUnknown);
}

// CPC/CPI/CPM in any case; `none` is no campaign type (a reject).
std::optional<CampaignType> campaign_type(std::string_view bronze) {
  return lookup<CampaignType>(trim(bronze), {CampaignType::kNone});
}

std::uint8_t is_install(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  for (const std::string_view text : kInstallTrue) {
    if (equals_lowered(s, text)) return 1;
  }
  return 0;
}

}  // namespace adlake::clean
