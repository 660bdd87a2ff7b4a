#include "adlake/clean/categorical.hpp"

#include <array>
#include <utility>

#include "adlake/clean/text.hpp"

namespace adlake::clean {
namespace {

template <class E>
using Spelling = std::pair<std::string_view, E>;

// Linear search over a handful of lower-case spellings: cheaper than hashing
// at these sizes, and equals_lowered rejects on length first.
template <class E, std::size_t N>
std::optional<E> lookup(std::string_view value, const std::array<Spelling<E>, N>& spellings) {
  for (const auto& [text, result] : spellings) {
    if (equals_lowered(value, text)) return result;
  }
  return std::nullopt;
}

constexpr std::array<Spelling<DeviceType>, 11> kDeviceTypes{{
    {"phone", DeviceType::kPhone},
    {"tablet", DeviceType::kTablet},
    {"desktop", DeviceType::kDesktop},
    {"ctv", DeviceType::kCtv},
    {"mobile", DeviceType::kPhone},
    {"smartphone", DeviceType::kPhone},
    {"pc", DeviceType::kDesktop},
    {"computer", DeviceType::kDesktop},
    {"tv", DeviceType::kCtv},
    {"smart_tv", DeviceType::kCtv},
    {"connected_tv", DeviceType::kCtv},
}};

constexpr std::array<Spelling<Os>, 12> kOses{{
    {"android", Os::kAndroid},
    {"ios", Os::kIos},
    {"windows", Os::kWindows},
    {"macos", Os::kMacos},
    {"linux", Os::kLinux},
    {"iphone os", Os::kIos},
    {"mac", Os::kMacos},
    {"osx", Os::kMacos},
    {"mac os x", Os::kMacos},
    {"win", Os::kWindows},
    {"win10", Os::kWindows},
    {"windows 10", Os::kWindows},
}};

constexpr std::array<Spelling<Gender>, 6> kGenders{{
    {"m", Gender::kM},
    {"male", Gender::kM},
    {"man", Gender::kM},
    {"f", Gender::kF},
    {"female", Gender::kF},
    {"woman", Gender::kF},
}};

constexpr std::array<Spelling<Category>, 10> kCategories{{
    {"gaming", Category::kGaming},
    {"finance", Category::kFinance},
    {"shopping", Category::kShopping},
    {"travel", Category::kTravel},
    {"sports", Category::kSports},
    {"news", Category::kNews},
    {"social", Category::kSocial},
    {"health", Category::kHealth},
    {"food", Category::kFood},
    {"education", Category::kEducation},
}};

constexpr std::array<Spelling<CampaignType>, 3> kCampaignTypes{{
    {"cpc", CampaignType::kCpc},
    {"cpi", CampaignType::kCpi},
    {"cpm", CampaignType::kCpm},
}};

constexpr std::array<Spelling<bool>, 5> kInstallTrue{{
    {"1", true},
    {"true", true},
    {"yes", true},
    {"y", true},
    {"t", true},
}};

}  // namespace

DeviceType device_type(std::string_view bronze) {
  return lookup(trim(bronze), kDeviceTypes).value_or(DeviceType::kUnknown);
}

Os os(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  if (s.empty()) return Os::kUnknown;
  return lookup(s, kOses).value_or(Os::kOther);
}

Gender gender(std::string_view bronze) {
  return lookup(trim(bronze), kGenders).value_or(Gender::kU);
}

Category category(std::string_view bronze) {
  return lookup(trim(bronze), kCategories).value_or(Category::kUnknown);
}

// "Uppercased" then compared with CPC/CPI/CPM is the same as lowercasing and
// comparing with cpc/cpi/cpm.
std::optional<CampaignType> campaign_type(std::string_view bronze) {
  return lookup(trim(bronze), kCampaignTypes);
}

std::uint8_t is_install(std::string_view bronze) {
  return lookup(trim(bronze), kInstallTrue).has_value() ? 1 : 0;
}

}  // namespace adlake::clean
