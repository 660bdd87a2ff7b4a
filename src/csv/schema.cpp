#include "adlake/csv/schema.hpp"

#include <array>
#include <string>

#include "adlake/core/error.hpp"

namespace adlake::csv {

namespace {

constexpr std::array<std::string_view, 7> kRequests = {"id_md5",      "ts", "user_id", "app_id",
                                                       "device_type", "os", "ip"};
constexpr std::array<std::string_view, 5> kImpressions = {"id_md5", "ts", "campaign_id", "slot",
                                                          "win_price"};
constexpr std::array<std::string_view, 3> kClicks = {"id_md5", "ts", "is_install"};
constexpr std::array<std::string_view, 6> kUserProfiles = {"user_id", "age",      "gender",
                                                           "state",   "interest", "updated_at"};
constexpr std::array<std::string_view, 5> kCampaigns = {"campaign_id", "advertiser",
                                                        "campaign_type", "category", "bid"};
constexpr std::array<std::string_view, 4> kAppMetadata = {"app_id", "app_name", "genre", "rating"};

constexpr std::array<EntitySchema, 6> kEntities = {{
    {"requests", kRequests},
    {"impressions", kImpressions},
    {"clicks", kClicks},
    {"user_profiles", kUserProfiles},
    {"campaigns", kCampaigns},
    {"app_metadata", kAppMetadata},
}};

}  // namespace

std::span<const EntitySchema> bronze_entities() {
  return kEntities;
}

const EntitySchema& bronze_entity(std::string_view name) {
  for (const auto& entity : kEntities) {
    if (entity.name == name) return entity;
  }
  throw UsageError("unknown entity '" + std::string(name) + "'");
}

}  // namespace adlake::csv
