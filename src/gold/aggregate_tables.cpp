#include "adlake/gold/aggregate_tables.hpp"

#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "adlake/core/error.hpp"
#include "adlake/gold/enum_column.hpp"

namespace adlake::gold {
namespace {

using clean::CampaignType;
using clean::State;

constexpr const char* kMoney = "micros of USD";
constexpr const char* kFactSource = "silver.h5:/fact_ad_funnel";
constexpr const char* kCampaignsSource = "silver.h5:/campaigns";

enum class Metric {
  kRequests,
  kCampaigns,
  kImpressions,
  kClicks,
  kInstalls,
  kRevenue,
  kSpend,
  kFillRate,
  kCtr,
  kCvr,
  kEcpm,
};

// A group's totals: its counts and, where the table has it, its distinct campaigns.
struct Group {
  Counts counts;
  int64_t campaigns = 0;
};

struct MetricInfo {
  const char* name;
  const char* units;
  bool is_ratio;
};

MetricInfo info(Metric m) {
  switch (m) {
    case Metric::kRequests:
      return {"requests", "", false};
    case Metric::kCampaigns:
      return {"campaigns", "", false};
    case Metric::kImpressions:
      return {"impressions", "", false};
    case Metric::kClicks:
      return {"clicks", "", false};
    case Metric::kInstalls:
      return {"installs", "", false};
    case Metric::kRevenue:
      return {"revenue_micros", kMoney, false};
    case Metric::kSpend:
      return {"spend_micros", kMoney, false};
    case Metric::kFillRate:
      return {"fill_rate", "", true};
    case Metric::kCtr:
      return {"ctr", "", true};
    case Metric::kCvr:
      return {"cvr", "", true};
    case Metric::kEcpm:
      return {"ecpm_micros", "micros of USD per 1000 impressions", true};
  }
  return {"", "", false};
}

int64_t count_of(Metric m, const Group& g) {
  switch (m) {
    case Metric::kRequests:
      return g.counts.requests;
    case Metric::kCampaigns:
      return g.campaigns;
    case Metric::kImpressions:
      return g.counts.impressions;
    case Metric::kClicks:
      return g.counts.clicks;
    case Metric::kInstalls:
      return g.counts.installs;
    case Metric::kRevenue:
      return g.counts.revenue_micros;
    case Metric::kSpend:
      return g.counts.spend_micros;
    default:
      return 0;
  }
}

double ratio_of(Metric m, const Group& g) {
  const Counts& c = g.counts;
  switch (m) {
    case Metric::kFillRate:
      return ratio(c.impressions, c.requests);
    case Metric::kCtr:
      return ratio(c.clicks, c.impressions);
    case Metric::kCvr:
      return ratio(c.installs, c.clicks);
    case Metric::kEcpm:
      return ecpm_micros(c.revenue_micros, c.impressions);
    default:
      return 0;
  }
}

// Appends the metric columns, one value per group, after the key column.
void add_metrics(Table& t, const std::vector<Metric>& metrics, const std::vector<Group>& groups) {
  for (Metric m : metrics) {
    const MetricInfo mi = info(m);
    if (mi.is_ratio) {
      auto& column = t.add(mi.name, std::vector<double>{}, mi.units);
      for (const auto& g : groups) column.push_back(ratio_of(m, g));
    } else {
      auto& column = t.add(mi.name, std::vector<int64_t>{}, mi.units);
      for (const auto& g : groups) column.push_back(count_of(m, g));
    }
  }
}

// A table keyed by an enum or a small integer: the groups that occur (by
// `occurs`), in index order, which is the key's text order or value.
template <class Key, size_t N, class Occurs>
GoldTable indexed_table(std::string path, const char* key_name, Key key_column,
                        const std::array<Counts, N>& counts, const std::vector<int64_t>& campaigns,
                        Occurs occurs, const std::vector<Metric>& metrics,
                        std::string description) {
  std::vector<Group> groups;
  for (size_t k = 0; k < N; ++k) {
    if (!occurs(counts[k])) continue;
    if constexpr (std::is_same_v<Key, EnumColumn>) {
      key_column.codes.push_back(static_cast<uint8_t>(k));
    } else {
      key_column.push_back(static_cast<typename Key::value_type>(k));
    }
    groups.push_back({counts[k], k < campaigns.size() ? campaigns[k] : 0});
  }
  GoldTable out{std::move(path), Table{}, std::move(description), {kFactSource}};
  out.table.add(key_name, std::move(key_column));
  add_metrics(out.table, metrics, groups);
  return out;
}

bool has_requests(const Counts& c) {
  return c.requests > 0;
}
bool has_impressions(const Counts& c) {
  return c.impressions > 0;
}

// COUNT(DISTINCT campaign_id) per campaign_type.
std::vector<int64_t> campaigns_by_type(const std::vector<CampaignTotal>& campaigns) {
  std::set<std::pair<uint8_t, std::string_view>> distinct;
  for (const auto& c : campaigns) distinct.insert({c.campaign_type, c.campaign_id});
  std::vector<int64_t> out(clean::enum_count<CampaignType>, 0);
  for (const auto& [type, id] : distinct) ++out[type];
  return out;
}

GoldTable advertiser_table(const std::vector<CampaignTotal>& campaigns,
                           const Advertisers& advertisers) {
  // std::string_view compares as unsigned bytes: the byte-wise text order.
  std::map<std::string_view, std::pair<Group, std::set<std::string_view>>> by_advertiser;
  for (const auto& c : campaigns) {
    auto& [group, ids] = by_advertiser[advertisers.of(c.campaign_id)];
    group.counts += c.counts;
    ids.insert(c.campaign_id);
  }
  StringColumn key;
  std::vector<Group> groups;
  for (auto& [advertiser, entry] : by_advertiser) {
    key.push_back(advertiser);
    entry.first.campaigns = static_cast<int64_t>(entry.second.size());
    groups.push_back(entry.first);
  }
  GoldTable out{"/advertiser_performance",
                Table{},
                "SELECT c.advertiser, COUNT(DISTINCT campaign_id) AS campaigns, COUNT(*) AS "
                "impressions, SUM(is_click) AS clicks, SUM(is_install) AS installs, "
                "SUM(revenue_micros) AS revenue_micros, SUM(win_price_micros) AS spend_micros, "
                "clicks / impressions AS ctr FROM silver.fact_ad_funnel JOIN silver.campaigns c "
                "USING (campaign_id) WHERE has_impression = 1 GROUP BY c.advertiser ORDER BY "
                "advertiser (bytes)",
                {kFactSource, kCampaignsSource}};
  out.table.add("advertiser", std::move(key));
  add_metrics(out.table,
              {Metric::kCampaigns, Metric::kImpressions, Metric::kClicks, Metric::kInstalls,
               Metric::kRevenue, Metric::kSpend, Metric::kCtr},
              groups);
  return out;
}

}  // namespace

Advertisers Advertisers::from(Table campaigns, const std::string& where) {
  auto strings = [&](const char* name) -> StringColumn& {
    if (auto* column = std::get_if<StringColumn>(&campaigns.column(name).data)) return *column;
    throw DataError(where + ": column " + name + " is not a byte string as CONTRACT 2.4 says");
  };
  const StringColumn& ids = strings("campaign_id");
  const StringColumn& names = strings("advertiser");
  Advertisers out;
  out.where_ = where;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!out.by_campaign_.emplace(ids.at(i), names.at(i)).second) {
      throw DataError(where + " row " + std::to_string(i) + ": campaign_id '" +
                      std::string(ids.at(i)) + "' is not unique (CONTRACT 2.3 keeps one row)");
    }
  }
  return out;
}

const std::string& Advertisers::of(const std::string& campaign_id) const {
  const auto it = by_campaign_.find(campaign_id);
  if (it == by_campaign_.end()) {
    throw DataError(std::string(kFactSource) + ": campaign_id '" + campaign_id + "' is not in " +
                    (where_.empty() ? std::string(kCampaignsSource) : where_) +
                    " (CONTRACT 2.3: an impression's campaign is a kept campaign)");
  }
  return it->second;
}

double ratio(int64_t num, int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

double ecpm_micros(int64_t revenue_micros, int64_t impressions) {
  if (impressions == 0) return 0.0;
  const __int128 scaled = static_cast<__int128>(revenue_micros) * 1000;
  return static_cast<double>(scaled) / static_cast<double>(impressions);
}

// The whole funnel in one row.
GoldTable funnel_summary_table(const Counts& totals, const char* ratios) {
  GoldTable funnel{"/funnel_summary",
                   Table{},
                   std::string("SELECT COUNT(*) AS requests, SUM(has_impression) AS impressions, "
                               "SUM(is_click) AS clicks, SUM(is_install) AS installs, "
                               "SUM(revenue_micros) AS revenue_micros, impressions / requests AS "
                               "fill_rate, clicks / impressions AS ctr, installs / clicks AS cvr "
                               "FROM silver.fact_ad_funnel") +
                       ratios,
                   {kFactSource}};
  add_metrics(funnel.table,
              {Metric::kRequests, Metric::kImpressions, Metric::kClicks, Metric::kInstalls,
               Metric::kRevenue, Metric::kFillRate, Metric::kCtr, Metric::kCvr},
              {Group{totals, 0}});
  return funnel;
}

std::vector<GoldTable> aggregate_tables(const AggregateTotals& totals,
                                        const Advertisers& advertisers) {
  const DenseTotals& d = totals.dense;
  const char* ratios = "; ratios are 0 where the divisor is 0";
  std::vector<GoldTable> out;
  out.push_back(indexed_table(
      "/revenue_by_state", "user_state", enum_column<State>(), d.by_state, {}, has_requests,
      {Metric::kRequests, Metric::kImpressions, Metric::kClicks, Metric::kInstalls,
       Metric::kRevenue, Metric::kCtr, Metric::kEcpm},
      std::string("SELECT user_state, COUNT(*) AS requests, SUM(has_impression) AS impressions, "
                  "SUM(is_click) AS clicks, SUM(is_install) AS installs, SUM(revenue_micros) AS "
                  "revenue_micros, clicks / impressions AS ctr, revenue_micros * 1000 / "
                  "impressions AS ecpm_micros FROM silver.fact_ad_funnel GROUP BY user_state "
                  "ORDER BY user_state") +
          ratios));
  out.push_back(indexed_table(
      "/campaign_type_performance", "campaign_type", enum_column<CampaignType>(),
      d.by_campaign_type, campaigns_by_type(totals.campaigns), has_impressions,
      {Metric::kCampaigns, Metric::kImpressions, Metric::kClicks, Metric::kInstalls,
       Metric::kRevenue, Metric::kSpend, Metric::kCtr, Metric::kCvr, Metric::kEcpm},
      std::string("SELECT campaign_type, COUNT(DISTINCT campaign_id) AS campaigns, COUNT(*) AS "
                  "impressions, SUM(is_click) AS clicks, SUM(is_install) AS installs, "
                  "SUM(revenue_micros) AS revenue_micros, SUM(win_price_micros) AS spend_micros, "
                  "clicks / impressions AS ctr, installs / clicks AS cvr, revenue_micros * 1000 / "
                  "impressions AS ecpm_micros FROM silver.fact_ad_funnel WHERE has_impression = 1 "
                  "GROUP BY campaign_type ORDER BY campaign_type") +
          ratios));
  out.push_back(indexed_table(
      "/affinity_performance", "is_affinity_match", std::vector<uint8_t>{}, d.by_affinity, {},
      has_impressions, {Metric::kImpressions, Metric::kClicks, Metric::kCtr},
      std::string("SELECT (interest = category AND interest NOT IN ('unknown', 'none')) AS "
                  "is_affinity_match, COUNT(*) AS impressions, SUM(is_click) AS clicks, clicks / "
                  "impressions AS ctr FROM silver.fact_ad_funnel WHERE has_impression = 1 GROUP BY "
                  "is_affinity_match ORDER BY is_affinity_match") +
          ratios));
  out.push_back(advertiser_table(totals.campaigns, advertisers));
  out.back().description += ratios;
  out.push_back(indexed_table(
      "/hourly_performance", "hour_of_day", std::vector<uint8_t>{}, d.by_hour, {}, has_impressions,
      {Metric::kImpressions, Metric::kClicks, Metric::kCtr, Metric::kRevenue},
      std::string("SELECT HOUR(imp_ts UTC) AS hour_of_day, COUNT(*) AS impressions, SUM(is_click) "
                  "AS clicks, clicks / impressions AS ctr, SUM(revenue_micros) AS revenue_micros "
                  "FROM silver.fact_ad_funnel WHERE has_impression = 1 GROUP BY hour_of_day ORDER "
                  "BY hour_of_day") +
          ratios));
  out.push_back(funnel_summary_table(d.funnel, ratios));
  return out;
}

Table empty_like(const Table& table) {
  Table out;
  for (const auto& column : table.columns) {
    Column empty{column.name, {}, column.units};
    std::visit(
        [&](const auto& data) {
          using V = std::decay_t<decltype(data)>;
          if constexpr (std::is_same_v<V, EnumColumn>) {
            empty.data = EnumColumn{data.labels, {}};
          } else {
            empty.data = V{};
          }
        },
        column.data);
    out.columns.push_back(std::move(empty));
  }
  return out;
}

}  // namespace adlake::gold
