#include "adlake/clean/rows.hpp"

#include "adlake/clean/categorical.hpp"
#include "adlake/clean/state.hpp"
#include "adlake/clean/timestamp.hpp"

namespace adlake::clean {

// Each validator walks its entity's columns in CONTRACT section 1 order and
// returns at the first failure, which is what makes that column's reason win.

namespace {

// The columns every event table starts with: id_md5, then ts.
std::optional<RejectReason> clean_event(std::string_view id_md5_text, std::string_view ts_text,
                                        IdMd5& id_md5_out, std::int64_t& ts_out) {
  const auto id = id_md5(id_md5_text);
  if (!id) return RejectReason::kInvalidId;
  const auto ts = timestamp(ts_text);
  if (!ts) return RejectReason::kInvalidTimestamp;
  id_md5_out = *id;
  ts_out = *ts;
  return std::nullopt;
}

}  // namespace

std::optional<RejectReason> clean_request(const BronzeRequest& in, CleanRequest& out) {
  if (const auto reason = clean_event(in.id_md5, in.ts, out.id_md5, out.ts)) return reason;
  const auto user_id = request_id(in.user_id);
  if (!user_id) return RejectReason::kInvalidId;
  const auto app_id = request_id(in.app_id);
  if (!app_id) return RejectReason::kInvalidId;
  out.user_id = Id::from(*user_id);
  out.app_id = Id::from(*app_id);
  out.device_type = device_type(in.device_type);
  out.os = os(in.os);
  out.ip_prefix = ip_prefix(in.ip);
  return std::nullopt;
}

std::optional<RejectReason> clean_impression(const BronzeImpression& in, CleanImpression& out) {
  if (const auto reason = clean_event(in.id_md5, in.ts, out.id_md5, out.ts)) return reason;
  const auto campaign_id = key(in.campaign_id);
  if (!campaign_id) return RejectReason::kMissingKey;
  const auto win_price = micros(in.win_price);
  if (!win_price) return RejectReason::kInvalidNumber;
  out.campaign_id = Id::from(*campaign_id);
  out.slot = slot(in.slot);
  out.win_price_micros = *win_price;
  return std::nullopt;
}

std::optional<RejectReason> clean_click(const BronzeClick& in, CleanClick& out) {
  if (const auto reason = clean_event(in.id_md5, in.ts, out.id_md5, out.ts)) return reason;
  out.is_install = is_install(in.is_install);
  return std::nullopt;
}

std::optional<RejectReason> clean_user(const BronzeUser& in, CleanUser& out) {
  const auto user_id = key(in.user_id);
  if (!user_id) return RejectReason::kMissingKey;
  const auto updated_at = timestamp(in.updated_at);
  if (!updated_at) return RejectReason::kInvalidTimestamp;
  out.user_id = Id::from(*user_id);
  out.age = age(in.age);
  out.age_bucket = age_bucket(out.age);
  out.gender = gender(in.gender);
  out.state = state(in.state);
  out.interest = category(in.interest);
  out.updated_at = *updated_at;
  return std::nullopt;
}

std::optional<RejectReason> clean_campaign(const BronzeCampaign& in, CleanCampaign& out) {
  const auto campaign_id = key(in.campaign_id);
  if (!campaign_id) return RejectReason::kMissingKey;
  const auto type = campaign_type(in.campaign_type);
  if (!type) return RejectReason::kInvalidCampaignType;
  const auto bid = micros(in.bid);
  if (!bid) return RejectReason::kInvalidNumber;
  out.campaign_id = Id::from(*campaign_id);
  out.advertiser = Name::from(name(in.advertiser));
  out.campaign_type = *type;
  out.category = category(in.category);
  out.bid_micros = *bid;
  return std::nullopt;
}

std::optional<RejectReason> clean_app(const BronzeApp& in, CleanApp& out) {
  const auto app_id = key(in.app_id);
  if (!app_id) return RejectReason::kMissingKey;
  out.app_id = Id::from(*app_id);
  out.app_name = Name::from(name(in.app_name));
  out.genre = category(in.genre);
  out.rating = rating(in.rating);
  return std::nullopt;
}

}  // namespace adlake::clean
