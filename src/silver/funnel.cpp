#include "adlake/silver/funnel.hpp"

#include <algorithm>
#include <cassert>

#include "adlake/silver/dedup.hpp"

namespace adlake::silver {

std::vector<std::uint32_t> drop_orphan_impressions(std::span<const RequestRow> requests,
                                                   std::span<const std::uint32_t> kept_requests,
                                                   std::span<const ImpressionRow> impressions,
                                                   std::span<const std::uint32_t> kept_impressions,
                                                   std::vector<Rejected>& rejects) {
  std::vector<std::uint32_t> out;
  out.reserve(kept_impressions.size());
  std::size_t r = 0;  // merge: both lists ascend by id
  for (const std::uint32_t i : kept_impressions) {
    const auto& imp = impressions[i];
    while (r < kept_requests.size() && requests[kept_requests[r]].row.id_md5 < imp.row.id_md5) ++r;
    if (r < kept_requests.size() && requests[kept_requests[r]].row.id_md5 == imp.row.id_md5) {
      out.push_back(i);
    } else {
      rejects.push_back({imp.seq, RejectCause::kOrphanImpression});
    }
  }
  return out;
}

KeptImpressions drop_unknown_campaigns(std::span<const ImpressionRow> impressions,
                                       std::span<const std::uint32_t> kept_impressions,
                                       std::span<const clean::CleanCampaign* const> campaigns,
                                       std::vector<Rejected>& rejects) {
  assert(campaigns.size() == kept_impressions.size());
  KeptImpressions out;
  out.index.reserve(kept_impressions.size());
  out.campaign.reserve(kept_impressions.size());
  for (std::size_t k = 0; k < kept_impressions.size(); ++k) {
    if (campaigns[k] != nullptr) {
      out.index.push_back(kept_impressions[k]);
      out.campaign.push_back(campaigns[k]);
    } else {
      rejects.push_back({impressions[kept_impressions[k]].seq, RejectCause::kUnknownCampaign});
    }
  }
  return out;
}

ClickGroups group_clicks(std::span<const ImpressionRow> impressions,
                         std::span<const std::uint32_t> kept_impressions,
                         std::span<const ClickRow> clicks, std::vector<Rejected>& rejects) {
  ClickGroups out;
  std::int64_t kept_rows = 0;
  std::size_t m = 0;  // merge over kept impressions, both ascending by id
  for (const std::uint32_t c : order_by_id_ts(clicks)) {
    const auto& click = clicks[c];
    while (m < kept_impressions.size() &&
           impressions[kept_impressions[m]].row.id_md5 < click.row.id_md5) {
      ++m;
    }
    if (m == kept_impressions.size() ||
        !(impressions[kept_impressions[m]].row.id_md5 == click.row.id_md5)) {
      rejects.push_back({click.seq, RejectCause::kOrphanClick});
      continue;
    }
    const std::int64_t imp_ts = impressions[kept_impressions[m]].row.ts;
    if (click.row.ts < imp_ts || click.row.ts > imp_ts + kClickWindowSeconds) {
      rejects.push_back({click.seq, RejectCause::kClickOutOfWindow});
      continue;
    }
    ++kept_rows;
    // Clicks come by (id, ts): the first kept one of an id is the earliest.
    if (out.groups.empty() || !(out.groups.back().id_md5 == click.row.id_md5)) {
      out.groups.push_back({click.row.id_md5, click.row.ts, 0, 0});
    }
    ClickGroup& group = out.groups.back();
    ++group.n_clicks_raw;
    group.is_install |= click.row.is_install;
  }
  out.duplicates = kept_rows - static_cast<std::int64_t>(out.groups.size());
  return out;
}

}  // namespace adlake::silver
