#pragma once
// CONTRACT 2.3 steps 3 and 4 on one rank's id range: the referential checks
// of impressions and clicks, and the grouping of clicks per id_md5. Every
// index list is into the entity's rows and ascending by id_md5 (one row per
// id), as dedup.hpp produces them; rejected rows are appended to `rejects`.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/silver/sourced.hpp"

namespace adlake::silver {

// A click's window: [impression ts, impression ts + 86400] (CONTRACT 2.3).
inline constexpr std::int64_t kClickWindowSeconds = 86400;

// The kept impressions whose id_md5 has a kept request; the others are
// rejected `orphan_impression`.
std::vector<std::uint32_t> drop_orphan_impressions(std::span<const RequestRow> requests,
                                                   std::span<const std::uint32_t> kept_requests,
                                                   std::span<const ImpressionRow> impressions,
                                                   std::span<const std::uint32_t> kept_impressions,
                                                   std::vector<Rejected>& rejects);

// Kept impressions with their campaign (a kept campaign row).
struct KeptImpressions {
  std::vector<std::uint32_t> index;
  std::vector<const clean::CleanCampaign*> campaign;
};

// `campaigns[i]` is the kept campaign of kept_impressions[i]'s campaign_id,
// or null: then the impression is rejected `unknown_campaign`.
KeptImpressions drop_unknown_campaigns(std::span<const ImpressionRow> impressions,
                                       std::span<const std::uint32_t> kept_impressions,
                                       std::span<const clean::CleanCampaign* const> campaigns,
                                       std::vector<Rejected>& rejects);

// The kept clicks of one id_md5 (step 4).
struct ClickGroup {
  clean::IdMd5 id_md5;
  std::int64_t click_ts = 0;      // the earliest kept click
  std::int32_t n_clicks_raw = 0;  // kept click rows
  std::uint8_t is_install = 0;    // any of them
};

struct ClickGroups {
  std::vector<ClickGroup> groups;  // ascending by id_md5
  std::int64_t duplicates = 0;     // kept click rows - groups
};

// Step 3 for clicks (`orphan_click` without a kept impression of the id,
// then `click_out_of_window`), and step 4 on the clicks that pass.
ClickGroups group_clicks(std::span<const ImpressionRow> impressions,
                         std::span<const std::uint32_t> kept_impressions,
                         std::span<const ClickRow> clicks, std::vector<Rejected>& rejects);

}  // namespace adlake::silver
