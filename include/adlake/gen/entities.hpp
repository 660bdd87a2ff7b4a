#pragma once
// The six raw entities of CONTRACT 1 and their columns, in contract order.
#include <array>
#include <span>
#include <string_view>

namespace adlake::gen {

enum class Entity : int { Requests, Impressions, Clicks, UserProfiles, Campaigns, AppMetadata };
constexpr int kEntityCount = 6;
constexpr int kMaxColumns = 7;

std::string_view entity_name(Entity e);  // folder name under RAW
std::span<const std::string_view> entity_columns(Entity e);

// Column indices, per entity, in contract order.
namespace col {
enum Requests : int { kReqId, kReqTs, kReqUser, kReqApp, kReqDevice, kReqOs, kReqIp };
enum Impressions : int { kImpId, kImpTs, kImpCampaign, kImpSlot, kImpPrice };
enum Clicks : int { kClickId, kClickTs, kClickInstall };
enum Users : int { kUserId, kUserAge, kUserGender, kUserState, kUserInterest, kUserUpdated };
enum Campaigns : int { kCampId, kCampAdvertiser, kCampType, kCampCategory, kCampBid };
enum Apps : int { kAppId, kAppName, kAppGenre, kAppRating };
}  // namespace col

}  // namespace adlake::gen
