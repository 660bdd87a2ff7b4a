#include "adlake/silver/dimension_tables.hpp"

#include "adlake/silver/columns.hpp"

namespace adlake::silver {

using clean::NoneMember;

Table users_table(std::span<const clean::CleanUser> rows) {
  Table t;
  auto& user_id = t.add("user_id", StringColumn{});
  auto& age = t.add("age", std::vector<std::int16_t>{});
  auto& age_bucket = t.add("age_bucket", enum_column<clean::AgeBucket>());
  auto& gender = t.add("gender", enum_column<clean::Gender>());
  auto& state = t.add("user_state", enum_column<clean::State>());
  auto& interest = t.add("interest", enum_column<clean::Category>(0, NoneMember::kExclude));
  auto& updated_at = t.add("updated_at", std::vector<std::int64_t>{}, kSecondsUnits);
  for (const auto& r : rows) {
    user_id.push_back(r.user_id.view());
    age.push_back(r.age);
    age_bucket.codes.push_back(clean::code(r.age_bucket));
    gender.codes.push_back(clean::code(r.gender));
    state.codes.push_back(clean::code(r.state));
    interest.codes.push_back(clean::code(r.interest));
    updated_at.push_back(r.updated_at);
  }
  return t;
}

Table campaigns_table(std::span<const clean::CleanCampaign> rows) {
  Table t;
  auto& campaign_id = t.add("campaign_id", StringColumn{});
  auto& advertiser = t.add("advertiser", StringColumn{});
  auto& type = t.add("campaign_type", enum_column<clean::CampaignType>(0, NoneMember::kExclude));
  auto& category = t.add("category", enum_column<clean::Category>(0, NoneMember::kExclude));
  auto& bid = t.add("bid_micros", std::vector<std::int64_t>{}, kMicrosUnits);
  for (const auto& r : rows) {
    campaign_id.push_back(r.campaign_id.view());
    advertiser.push_back(r.advertiser.view());
    type.codes.push_back(clean::code(r.campaign_type));
    category.codes.push_back(clean::code(r.category));
    bid.push_back(r.bid_micros);
  }
  return t;
}

Table apps_table(std::span<const clean::CleanApp> rows) {
  Table t;
  auto& app_id = t.add("app_id", StringColumn{});
  auto& app_name = t.add("app_name", StringColumn{});
  auto& genre = t.add("genre", enum_column<clean::Category>(0, NoneMember::kExclude));
  auto& rating = t.add("app_rating", std::vector<double>{});
  for (const auto& r : rows) {
    app_id.push_back(r.app_id.view());
    app_name.push_back(r.app_name.view());
    genre.codes.push_back(clean::code(r.genre));
    rating.push_back(r.rating);
  }
  return t;
}

}  // namespace adlake::silver
