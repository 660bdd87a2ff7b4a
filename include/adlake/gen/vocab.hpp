#pragma once
// The vocabularies of CONTRACT 2.1 as the generator needs them: canonical
// spellings, population weights, and the codes the click model works with.
#include <array>
#include <cstdint>
#include <string_view>

namespace adlake::gen {

// Cleaned codes shared by all enumerated attributes: >= 0 is an index into the
// attribute's canonical list; these two are what cleaning gives otherwise.
constexpr int kUnknown =
    -1;  // device `unknown`, gender `U`, state `UNK`, category `unknown`, os empty
constexpr int kOther = -2;  // os `other`

constexpr int kCategoryCount = 10;
// Interests, app genres and campaign categories share this list.
constexpr std::array<std::string_view, kCategoryCount> kCategories = {
    "gaming", "finance", "shopping", "travel", "sports",
    "news",   "social",  "health",   "food",   "education"};

enum Device : int { kPhone, kTablet, kDesktop, kCtv, kDeviceCount };
constexpr std::array<std::string_view, kDeviceCount> kDevices = {"phone", "tablet", "desktop",
                                                                 "ctv"};

enum Os : int { kAndroid, kIos, kWindows, kMacos, kLinux, kOsCount };
constexpr std::array<std::string_view, kOsCount> kOses = {"android", "ios", "windows", "macos",
                                                          "linux"};

enum Gender : int { kMale, kFemale };
constexpr std::array<std::string_view, 2> kGenders = {"M", "F"};

enum CampaignType : int { kCpc, kCpi, kCpm, kCampaignTypeCount };
constexpr std::array<std::string_view, kCampaignTypeCount> kCampaignTypes = {"CPC", "CPI", "CPM"};

// US census regions, used for a small regional effect on clicks.
enum Region : uint8_t { kNortheast, kMidwest, kSouth, kWest };

struct StateInfo {
  std::string_view code;
  std::string_view name;
  double population_millions;
  Region region;
};
constexpr int kStateCount = 51;
extern const std::array<StateInfo, kStateCount> kStates;

// CONTRACT 2.1 age buckets: 13-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65+.
constexpr int kAgeBucketCount = 7;
int age_bucket(int age);  // kUnknown for -1

}  // namespace adlake::gen
