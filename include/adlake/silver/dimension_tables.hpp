#pragma once
// silver.h5's dimension tables (CONTRACT 2.4): the kept rows, in the order
// given (the caller's rows ascend by key). Enum types leave `none` out.
#include <span>

#include "adlake/clean/rows.hpp"
#include "adlake/core/table.hpp"

namespace adlake::silver {

// user_id, age, age_bucket, gender, user_state, interest, updated_at
Table users_table(std::span<const clean::CleanUser> rows);
// campaign_id, advertiser, campaign_type, category, bid_micros
Table campaigns_table(std::span<const clean::CleanCampaign> rows);
// app_id, app_name, genre, app_rating
Table apps_table(std::span<const clean::CleanApp> rows);

}  // namespace adlake::silver
