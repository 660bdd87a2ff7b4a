#pragma once
// Deduplication, CONTRACT 2.3 step 2: within each key keep the first valid row
// in the entity's order, ties broken by input order (2.5); the rest are
// duplicates. Local kernels over one rank's rows: the silver stage first
// brings all rows of a key to one rank.
//
//   requests       id_md5   ts, user_id, app_id, device_type, os, ip_prefix ascending
//   impressions    id_md5   ts, campaign_id, slot, win_price_micros ascending
//   user_profiles  user_id  updated_at descending; age, gender, state, interest ascending
//   campaigns      campaign_id  advertiser, campaign_type, category, bid_micros ascending
//   app_metadata   app_id   app_name, genre, rating ascending
//
// Strings compare byte-wise and enums by code, which is their text order
// (clean/enums.hpp); numbers numerically.
#include <compare>
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/silver/sourced.hpp"

namespace adlake::silver {

// The order within a key, without the input-order tie-break.
std::weak_ordering request_order(const clean::CleanRequest& a, const clean::CleanRequest& b);
std::weak_ordering impression_order(const clean::CleanImpression& a,
                                    const clean::CleanImpression& b);
std::weak_ordering user_order(const clean::CleanUser& a, const clean::CleanUser& b);
std::weak_ordering campaign_order(const clean::CleanCampaign& a, const clean::CleanCampaign& b);
std::weak_ordering app_order(const clean::CleanApp& a, const clean::CleanApp& b);

struct Dedup {
  std::vector<std::uint32_t> kept;  // the first row of each key, ascending by key
  std::int64_t duplicates = 0;      // rows.size() - kept.size()
};

Dedup dedup_requests(std::span<const RequestRow> rows);
Dedup dedup_impressions(std::span<const ImpressionRow> rows);
Dedup dedup_users(std::span<const UserRow> rows);
Dedup dedup_campaigns(std::span<const CampaignRow> rows);
Dedup dedup_apps(std::span<const AppRow> rows);

// Indices of `rows` ascending by (id_md5, ts, input order): the sort the
// id-keyed kernels start from, on compact keys (the rows themselves are large).
std::vector<std::uint32_t> order_by_id_ts(std::span<const ClickRow> rows);

}  // namespace adlake::silver
