#include "adlake/silver/fact.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/silver/columns.hpp"

namespace adlake::silver {

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
        interest(table.add("interest", enum_column<Category>(0, NoneMember::kExclude))),
        genre(table.add("genre", enum_column<Category>(0, NoneMember::kExclude))),
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

void push_request(FactColumns& f, const clean::CleanRequest& r) {
  const auto hex = r.id_md5.hex();
  f.id_md5.push_back({hex.data(), hex.size()});
  f.ts.push_back(r.ts);
  f.user_id.push_back(r.user_id.view());
  f.app_id.push_back(r.app_id.view());
  push(f.device_type, r.device_type);
  push(f.os, r.os);
  f.ip_prefix.push_back(r.ip_prefix.view());
}

// The kept profile of the request's user; null: none (CONTRACT 2.4's defaults).
void push_user(FactColumns& f, const clean::CleanUser* u) {
  f.age.push_back(u ? u->age : clean::kMissingAge);
  push(f.age_bucket, u ? u->age_bucket : clean::AgeBucket::kUnknown);
  push(f.gender, u ? u->gender : clean::Gender::kU);
  push(f.user_state, u ? u->state : clean::State::kUNK);
  push(f.interest, u ? u->interest : Category::kUnknown);
}

void push_app(FactColumns& f, const clean::CleanApp* a) {
  push(f.genre, a ? a->genre : Category::kUnknown);
  f.app_rating.push_back(a ? a->rating : 0.0);
}

// The kept impression and its campaign; null: none.
void push_impression(FactColumns& f, const clean::CleanImpression* imp,
                     const clean::CleanCampaign* campaign) {
  f.has_impression.push_back(imp ? 1 : 0);
  f.imp_ts.push_back(imp ? imp->ts : -1);
  f.campaign_id.push_back(imp ? imp->campaign_id.view() : std::string_view{});
  f.slot.push_back(imp ? imp->slot : clean::kMissingSlot);
  f.win_price_micros.push_back(imp ? imp->win_price_micros : 0);
  push(f.campaign_type, imp ? campaign->campaign_type : CampaignType::kNone);
  push(f.category, imp ? campaign->category : Category::kNone);
  f.bid_micros.push_back(imp ? campaign->bid_micros : 0);
}

// The click group; null: no kept click.
void push_click(FactColumns& f, const ClickGroup* group) {
  f.is_click.push_back(group ? 1 : 0);
  f.click_ts.push_back(group ? group->click_ts : -1);
  f.n_clicks_raw.push_back(group ? group->n_clicks_raw : 0);
  f.is_install.push_back(group ? group->is_install : std::uint8_t{0});
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
  for (std::size_t k = k_; k < end; ++k) {
    const clean::CleanRequest& r = in.requests[in.kept_requests[k]].row;
    push_request(f, r);
    push_user(f, in.users[k]);
    push_app(f, in.apps[k]);
    // Impressions and click groups ascend by id like the requests: each
    // belongs to the next request of its id_md5.
    const clean::CleanImpression* imp = nullptr;
    const clean::CleanCampaign* campaign = nullptr;
    if (m_ < kept.index.size() && in.impressions[kept.index[m_]].row.id_md5 == r.id_md5) {
      imp = &in.impressions[kept.index[m_]].row;
      campaign = kept.campaign[m_++];
    }
    push_impression(f, imp, campaign);
    const ClickGroup* group = nullptr;
    if (imp && c_ < in.clicks.size() && in.clicks[c_].id_md5 == r.id_md5) group = &in.clicks[c_++];
    push_click(f, group);
    f.revenue_micros.push_back(revenue_micros(imp ? campaign->campaign_type : CampaignType::kNone,
                                              imp ? campaign->bid_micros : 0, group != nullptr,
                                              group != nullptr && group->is_install != 0));
  }
  k_ = end;
  if (remaining() == 0 && (m_ != kept.index.size() || c_ != in.clicks.size())) {
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

}  // namespace adlake::silver
