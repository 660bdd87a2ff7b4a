#include "adlake/gold/aggregate.hpp"

#include <omp.h>

#include <algorithm>
#include <functional>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "adlake/gold/features.hpp"

namespace adlake::gold {
namespace {

struct CampaignKey {
  std::string_view campaign_id;
  uint8_t campaign_type;
  bool operator==(const CampaignKey&) const = default;
};

struct CampaignKeyHash {
  size_t operator()(const CampaignKey& k) const {
    return std::hash<std::string_view>{}(k.campaign_id) ^ k.campaign_type;
  }
};

using CampaignMap = std::unordered_map<CampaignKey, Counts, CampaignKeyHash>;

struct Partial {
  DenseTotals dense;
  CampaignMap campaigns;
};

void aggregate_range(const FactRows& f, size_t begin, size_t end, Partial& out) {
  for (size_t i = begin; i < end; ++i) {
    Counts row;
    row.requests = 1;
    row.impressions = f.has_impression[i];
    row.clicks = f.is_click[i];
    row.installs = f.is_install[i];
    row.revenue_micros = f.revenue_micros[i];
    row.spend_micros = f.has_impression[i] ? f.win_price_micros[i] : 0;
    out.dense.funnel += row;
    out.dense.by_state[f.user_state[i]] += row;
    if (!f.has_impression[i]) continue;
    out.dense.by_campaign_type[f.campaign_type[i]] += row;
    out.dense.by_affinity[is_match(f.interest[i], f.category[i])] += row;
    out.dense.by_hour[hour_of_day(f.imp_ts[i])] += row;
    out.campaigns[{f.campaign_id.at(i), f.campaign_type[i]}] += row;
  }
}

}  // namespace

DenseTotals& DenseTotals::operator+=(const DenseTotals& o) {
  funnel += o.funnel;
  for (size_t k = 0; k < by_state.size(); ++k) by_state[k] += o.by_state[k];
  for (size_t k = 0; k < by_campaign_type.size(); ++k) by_campaign_type[k] += o.by_campaign_type[k];
  for (size_t k = 0; k < by_affinity.size(); ++k) by_affinity[k] += o.by_affinity[k];
  for (size_t k = 0; k < by_hour.size(); ++k) by_hour[k] += o.by_hour[k];
  return *this;
}

LocalAggregates aggregate_rows(const FactRows& rows) {
  // Each thread aggregates a contiguous chunk; partials are integer sums, so
  // the result does not depend on the number of threads.
  const size_t n = rows.size();
  const int threads = n < 65536 ? 1 : omp_get_max_threads();
  std::vector<Partial> partials(static_cast<size_t>(threads));
#pragma omp parallel for num_threads(threads) schedule(static, 1)
  for (int t = 0; t < threads; ++t) {
    const size_t begin = n * static_cast<size_t>(t) / static_cast<size_t>(threads);
    const size_t end = n * static_cast<size_t>(t + 1) / static_cast<size_t>(threads);
    aggregate_range(rows, begin, end, partials[static_cast<size_t>(t)]);
  }
  LocalAggregates out;
  CampaignMap& campaigns = partials[0].campaigns;
  out.dense = partials[0].dense;
  for (size_t t = 1; t < partials.size(); ++t) {
    out.dense += partials[t].dense;
    for (const auto& [key, counts] : partials[t].campaigns) campaigns[key] += counts;
  }
  out.campaigns.reserve(campaigns.size());
  for (const auto& [key, counts] : campaigns) {
    out.campaigns.push_back({std::string(key.campaign_id), key.campaign_type, counts});
  }
  merge_campaigns(out.campaigns);
  return out;
}

void merge_campaigns(std::vector<CampaignTotal>& campaigns) {
  auto key = [](const CampaignTotal& c) { return std::tie(c.campaign_id, c.campaign_type); };
  std::sort(campaigns.begin(), campaigns.end(),
            [&](const CampaignTotal& a, const CampaignTotal& b) { return key(a) < key(b); });
  size_t kept = 0;
  for (size_t i = 0; i < campaigns.size(); ++i) {
    if (kept > 0 && campaigns[kept - 1].same_key(campaigns[i])) {
      campaigns[kept - 1].counts += campaigns[i].counts;
    } else {
      if (kept != i) campaigns[kept] = std::move(campaigns[i]);
      ++kept;
    }
  }
  campaigns.resize(kept);
}

}  // namespace adlake::gold
