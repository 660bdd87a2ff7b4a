#include "adlake/gen/entities.hpp"

#include "adlake/csv/schema.hpp"

namespace adlake::gen {
namespace {

// gen::Entity follows csv::kEntities' order, and the column indices of col::
// follow each entity's columns there.
const csv::EntitySchema& schema(Entity e) {
  return csv::kEntities.at(static_cast<std::size_t>(e));
}

static_assert(csv::kEntities.size() == static_cast<std::size_t>(kEntityCount));
static_assert(csv::kEntities[static_cast<std::size_t>(Entity::AppMetadata)].name == "app_metadata");
static_assert(csv::kRequestNames.size() == static_cast<std::size_t>(kMaxColumns));
static_assert(csv::kRequestNames[col::kReqIp] == "ip");
static_assert(csv::kImpressionNames[col::kImpPrice] == "win_price");
static_assert(csv::kClickNames[col::kClickInstall] == "is_install");
static_assert(csv::kUserNames[col::kUserUpdated] == "updated_at");
static_assert(csv::kCampaignNames[col::kCampBid] == "bid");
static_assert(csv::kAppNames[col::kAppRating] == "rating");

}  // namespace

std::string_view entity_name(Entity e) {
  return schema(e).name;
}

std::span<const std::string_view> entity_columns(Entity e) {
  return schema(e).columns;
}

}  // namespace adlake::gen
