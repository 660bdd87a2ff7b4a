#pragma once
// Row validators: CONTRACT 2.3 step 1 for each entity. Each takes the bronze
// string values of one row (views, untrimmed, as bronze stored them) and
// either fills the cleaned row and returns nullopt, or returns the reason the
// row is rejected (then `out` is partly written and must be ignored).
//
// When several values fail, the reason is that of the first failing column in
// the entity's column order of CONTRACT section 1 (2.5); the validators check
// the columns in that order and stop at the first failure:
//   requests     id_md5 (invalid_id), ts (invalid_timestamp),
//                user_id, app_id (invalid_id); device_type, os, ip never fail
//   impressions  id_md5 (invalid_id), ts (invalid_timestamp),
//                campaign_id (missing_key), win_price (invalid_number);
//                slot never fails
//   clicks       id_md5 (invalid_id), ts (invalid_timestamp)
//   user_profiles user_id (missing_key), updated_at (invalid_timestamp)
//   campaigns    campaign_id (missing_key), campaign_type
//                (invalid_campaign_type), bid (invalid_number)
//   app_metadata app_id (missing_key)
//
// Cleaned rows are trivially copyable (fixed-capacity strings, no pointers):
// no allocation per row, and silver can exchange them between ranks as bytes.
// Strings compare byte-wise and enums by code (= by text, enums.hpp), so the
// dedup orders of CONTRACT 2.3 compare the fields directly (compare fields,
// never whole rows with memcmp: the structs have padding).
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "adlake/clean/enums.hpp"
#include "adlake/clean/id_md5.hpp"
#include "adlake/clean/ip.hpp"
#include "adlake/clean/number.hpp"
#include "adlake/clean/string_value.hpp"

namespace adlake::clean {

struct BronzeRequest {
  std::string_view id_md5, ts, user_id, app_id, device_type, os, ip;
};
struct CleanRequest {
  IdMd5 id_md5;
  std::int64_t ts = 0;
  Id user_id;  // "unknown" when empty
  Id app_id;   // "unknown" when empty
  DeviceType device_type = DeviceType::kUnknown;
  Os os = Os::kUnknown;
  IpPrefix ip_prefix;  // "a.b.c.0/24" or "unknown"; the full ip is not kept
};
[[nodiscard]] std::optional<RejectReason> clean_request(const BronzeRequest& in, CleanRequest& out);

struct BronzeImpression {
  std::string_view id_md5, ts, campaign_id, slot, win_price;
};
struct CleanImpression {
  IdMd5 id_md5;
  std::int64_t ts = 0;
  Id campaign_id;
  std::int8_t slot = kMissingSlot;
  std::int64_t win_price_micros = 0;
};
[[nodiscard]] std::optional<RejectReason> clean_impression(const BronzeImpression& in,
                                                           CleanImpression& out);

struct BronzeClick {
  std::string_view id_md5, ts, is_install;
};
struct CleanClick {
  IdMd5 id_md5;
  std::int64_t ts = 0;
  std::uint8_t is_install = 0;
};
[[nodiscard]] std::optional<RejectReason> clean_click(const BronzeClick& in, CleanClick& out);

struct BronzeUser {
  std::string_view user_id, age, gender, state, interest, updated_at;
};
struct CleanUser {
  Id user_id;
  std::int16_t age = kMissingAge;
  AgeBucket age_bucket = AgeBucket::kUnknown;
  Gender gender = Gender::kU;
  State state = State::kUNK;
  Category interest = Category::kUnknown;
  std::int64_t updated_at = 0;
};
[[nodiscard]] std::optional<RejectReason> clean_user(const BronzeUser& in, CleanUser& out);

struct BronzeCampaign {
  std::string_view campaign_id, advertiser, campaign_type, category, bid;
};
struct CleanCampaign {
  Id campaign_id;
  Name advertiser;
  CampaignType campaign_type = CampaignType::kNone;
  Category category = Category::kUnknown;
  std::int64_t bid_micros = 0;
};
[[nodiscard]] std::optional<RejectReason> clean_campaign(const BronzeCampaign& in,
                                                         CleanCampaign& out);

struct BronzeApp {
  std::string_view app_id, app_name, genre, rating;
};
struct CleanApp {
  Id app_id;
  Name app_name;
  Category genre = Category::kUnknown;
  double rating = 0.0;
};
[[nodiscard]] std::optional<RejectReason> clean_app(const BronzeApp& in, CleanApp& out);

static_assert(std::is_trivially_copyable_v<CleanRequest>);
static_assert(std::is_trivially_copyable_v<CleanImpression>);
static_assert(std::is_trivially_copyable_v<CleanClick>);
static_assert(std::is_trivially_copyable_v<CleanUser>);
static_assert(std::is_trivially_copyable_v<CleanCampaign>);
static_assert(std::is_trivially_copyable_v<CleanApp>);

}  // namespace adlake::clean
