#include "adlake/ops/fact.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/ops/columns.hpp"

namespace adlake::ops {

using clean::CampaignType;
using clean::Category;
using clean::NoneMember;

std::int64_t revenue_micros(CampaignType type, std::int64_t bid_micros, bool is_click,
                            bool is_install) {
  switch (type) {
    case CampaignType::kCpc:
      return is_click ? bid_micros : 0;
    case CampaignType::kCpi:
      return is_install ? bid_micros : 0;
    case CampaignType::kCpm:
      return bid_micros / 1000;
    case CampaignType::kNone:
      return 0;
  }
  return 0;
}

namespace {

// The fact columns being filled: references into the Table's storage.
struct FactColumns {
  Table table;
  StringColumn& id_md5;
  std::vector<std::int64_t>& ts;
  StringColumn& user_id;
  StringColumn& app_id;
  EnumColumn& device_type;
  EnumColumn& os;
  StringColumn& ip_prefix;
  std::vector<std::int16_t>& age;
  EnumColumn& age_bucket;
  EnumColumn& gender;
  EnumColumn& user_state;
  EnumColumn& interest;
  EnumColumn& genre;
  std::vector<double>& app_rating;
  std::vector<std::uint8_t>& has_impression;
  std::vector<std::int64_t>& imp_ts;
  StringColumn& campaign_id;
  std::vector<std::int8_t>& slot;
  std::vector<std::int64_t>& win_price_micros;
  EnumColumn& campaign_type;
  EnumColumn& category;
  std::vector<std::int64_t>& bid_micros;
  std::vector<std::uint8_t>& is_click;
  std::vector<std::int64_t>& click_ts;
  std::vector<std::int32_t>& n_clicks_raw;
  std::vector<std::uint8_t>& is_install;
  std::vector<std::int64_t>& revenue_micros;

  // Members are initialised in declaration order: `table` first.
  FactColumns()
      : id_md5(table.add("id_md5", StringColumn{})),
        ts(table.add("ts", std::vector<std::int64_t>{}, kSecondsUnits)),
        user_id(table.add("user_id", StringColumn{})),
        app_id(table.add("app_id", StringColumn{})),
        device_type(table.add("device_type", enum_column<clean::DeviceType>())),
        os(table.add("os", enum_column<clean::Os>())),
        ip_prefix(table.add("ip_prefix", StringColumn{})),
        age(table.add("age", std::vector<std::int16_t>{})),
        age_bucket(table.add("age_bucket", enum_column<clean::AgeBucket>())),
        gender(table.add("gender", enum_column<clean::Gender>())),
        user_state(table.add("user_state", enum_column<clean::State>())),
        interest(table.add("interest", enum_column<Category>(NoneMember::kExclude))),
        genre(table.add("genre", enum_column<Category>(NoneMember::kExclude))),
        app_rating(table.add("app_rating", std::vector<double>{})),
        has_impression(table.add("has_impression", std::vector<std::uint8_t>{})),
        imp_ts(table.add("imp_ts", std::vector<std::int64_t>{}, kSecondsUnits)),
        campaign_id(table.add("campaign_id", StringColumn{})),
        slot(table.add("slot", std::vector<std::int8_t>{})),
        win_price_micros(table.add("win_price_micros", std::vector<std::int64_t>{}, kMicrosUnits)),
        campaign_type(table.add("campaign_type", enum_column<CampaignType>())),
        category(table.add("category", enum_column<Category>())),
        bid_micros(table.add("bid_micros", std::vector<std::int64_t>{}, kMicrosUnits)),
        is_click(table.add("is_click", std::vector<std::uint8_t>{})),
        click_ts(table.add("click_ts", std::vector<std::int64_t>{}, kSecondsUnits)),
        n_clicks_raw(table.add("n_clicks_raw", std::vector<std::int32_t>{})),
        is_install(table.add("is_install", std::vector<std::uint8_t>{})),
        revenue_micros(table.add("revenue_micros", std::vector<std::int64_t>{}, kMicrosUnits)) {}

  void reserve(std::size_t n) {
    for (auto& column : table.columns) {
      std::visit(
          [n](auto& data) {
            using V = std::decay_t<decltype(data)>;
            if constexpr (std::is_same_v<V, StringColumn>) {
              data.reserve(n, n * 16);
            } else if constexpr (std::is_same_v<V, EnumColumn>) {
              data.codes.reserve(n);
            } else {
              data.reserve(n);
            }
          },
          column.data);
    }
  }
};

template <class E>
void push(EnumColumn& column, E value) {
  column.codes.push_back(clean::code(value));
}

}  // namespace

FactBuilder::FactBuilder(const FactSources& in) : in_(in) {}

Table FactBuilder::next(std::size_t max_rows) {
  const FactSources& in = in_;
  FactColumns f;
  const std::size_t end = k_ + std::min(max_rows, remaining());
  f.reserve(end - k_);
  static const KeptImpressions kNoImpressions;
  const KeptImpressions& kept = in.kept_impressions ? *in.kept_impressions : kNoImpressions;
  std::size_t m = m_;  // next kept impression
  std::size_t c = c_;  // next click group
  for (std::size_t k = k_; k < end; ++k) {
    const clean::CleanRequest& r = in.requests[in.kept_requests[k]].row;
    const auto hex = r.id_md5.hex();
    f.id_md5.push_back({hex.data(), hex.size()});
    f.ts.push_back(r.ts);
    f.user_id.push_back(r.user_id.view());
    f.app_id.push_back(r.app_id.view());
    push(f.device_type, r.device_type);
    push(f.os, r.os);
    f.ip_prefix.push_back(r.ip_prefix.view());

    if (const clean::CleanUser* u = in.users[k]) {
      f.age.push_back(u->age);
      push(f.age_bucket, u->age_bucket);
      push(f.gender, u->gender);
      push(f.user_state, u->state);
      push(f.interest, u->interest);
    } else {
      f.age.push_back(clean::kMissingAge);
      push(f.age_bucket, clean::AgeBucket::kUnknown);
      push(f.gender, clean::Gender::kU);
      push(f.user_state, clean::State::kUNK);
      push(f.interest, Category::kUnknown);
    }
    if (const clean::CleanApp* a = in.apps[k]) {
      push(f.genre, a->genre);
      f.app_rating.push_back(a->rating);
    } else {
      push(f.genre, Category::kUnknown);
      f.app_rating.push_back(0.0);
    }

    const bool has_impression =
        m < kept.index.size() && in.impressions[kept.index[m]].row.id_md5 == r.id_md5;
    CampaignType type = CampaignType::kNone;
    std::int64_t bid = 0;
    f.has_impression.push_back(has_impression ? 1 : 0);
    if (has_impression) {
      const clean::CleanImpression& imp = in.impressions[kept.index[m]].row;
      const clean::CleanCampaign& campaign = *kept.campaign[m];
      ++m;
      type = campaign.campaign_type;
      bid = campaign.bid_micros;
      f.imp_ts.push_back(imp.ts);
      f.campaign_id.push_back(imp.campaign_id.view());
      f.slot.push_back(imp.slot);
      f.win_price_micros.push_back(imp.win_price_micros);
      push(f.campaign_type, type);
      push(f.category, campaign.category);
      f.bid_micros.push_back(bid);
    } else {
      f.imp_ts.push_back(-1);
      f.campaign_id.push_back({});
      f.slot.push_back(clean::kMissingSlot);
      f.win_price_micros.push_back(0);
      push(f.campaign_type, CampaignType::kNone);
      push(f.category, Category::kNone);
      f.bid_micros.push_back(0);
    }

    const bool is_click = has_impression && c < in.clicks.size() && in.clicks[c].id_md5 == r.id_md5;
    std::uint8_t is_install = 0;
    f.is_click.push_back(is_click ? 1 : 0);
    if (is_click) {
      const ClickGroup& group = in.clicks[c++];
      is_install = group.is_install;
      f.click_ts.push_back(group.click_ts);
      f.n_clicks_raw.push_back(group.n_clicks_raw);
    } else {
      f.click_ts.push_back(-1);
      f.n_clicks_raw.push_back(0);
    }
    f.is_install.push_back(is_install);
    f.revenue_micros.push_back(revenue_micros(type, bid, is_click, is_install != 0));
  }
  k_ = end;
  m_ = m;
  c_ = c;
  if (remaining() == 0 && (m != kept.index.size() || c != in.clicks.size())) {
    throw Error("silver: an impression or click group has no kept request of its id_md5");
  }
  return std::move(f.table);
}

Table build_fact(const FactSources& in) {
  FactBuilder builder(in);
  return builder.next(in.kept_requests.size());
}

std::vector<std::size_t> fact_string_widths(const FactSources& in) {
  std::size_t user_id = 0, app_id = 0, ip_prefix = 0, campaign_id = 0;
  for (const auto k : in.kept_requests) {
    const clean::CleanRequest& r = in.requests[k].row;
    user_id = std::max<std::size_t>(user_id, r.user_id.length);
    app_id = std::max<std::size_t>(app_id, r.app_id.length);
    ip_prefix = std::max<std::size_t>(ip_prefix, r.ip_prefix.length);
  }
  if (in.kept_impressions != nullptr) {
    for (const auto i : in.kept_impressions->index) {
      campaign_id = std::max<std::size_t>(campaign_id, in.impressions[i].row.campaign_id.length);
    }
  }
  const std::size_t id_md5 = in.kept_requests.empty() ? 0 : 32;
  std::vector<std::size_t> widths;
  for (const auto& column : empty_fact().columns) {
    const std::string& name = column.name;
    widths.push_back(name == "id_md5"        ? id_md5
                     : name == "user_id"     ? user_id
                     : name == "app_id"      ? app_id
                     : name == "ip_prefix"   ? ip_prefix
                     : name == "campaign_id" ? campaign_id
                                             : 0);
  }
  return widths;
}

Table empty_fact() {
  return FactColumns().table;
}

}  // namespace adlake::ops
