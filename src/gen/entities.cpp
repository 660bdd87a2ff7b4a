#include "adlake/gen/entities.hpp"

namespace adlake::gen {
namespace {

constexpr std::string_view kRequests[] = {"id_md5",      "ts", "user_id", "app_id",
                                          "device_type", "os", "ip"};
constexpr std::string_view kImpressions[] = {"id_md5", "ts", "campaign_id", "slot", "win_price"};
constexpr std::string_view kClicks[] = {"id_md5", "ts", "is_install"};
constexpr std::string_view kUsers[] = {"user_id", "age",      "gender",
                                       "state",   "interest", "updated_at"};
constexpr std::string_view kCampaigns[] = {"campaign_id", "advertiser", "campaign_type", "category",
                                           "bid"};
constexpr std::string_view kApps[] = {"app_id", "app_name", "genre", "rating"};

}  // namespace

std::string_view entity_name(Entity e) {
  switch (e) {
    case Entity::Requests:
      return "requests";
    case Entity::Impressions:
      return "impressions";
    case Entity::Clicks:
      return "clicks";
    case Entity::UserProfiles:
      return "user_profiles";
    case Entity::Campaigns:
      return "campaigns";
    case Entity::AppMetadata:
      return "app_metadata";
  }
  return "?";
}

std::span<const std::string_view> entity_columns(Entity e) {
  switch (e) {
    case Entity::Requests:
      return kRequests;
    case Entity::Impressions:
      return kImpressions;
    case Entity::Clicks:
      return kClicks;
    case Entity::UserProfiles:
      return kUsers;
    case Entity::Campaigns:
      return kCampaigns;
    case Entity::AppMetadata:
      return kApps;
  }
  return {};
}

}  // namespace adlake::gen
