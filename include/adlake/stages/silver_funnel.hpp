#pragma once
// The distributed middle of silver (CONTRACT 2.3 steps 2-4 and 2.4): requests,
// impressions and clicks exchanged so rank r owns a contiguous range of
// id_md5; dimensions exchanged so each key lives on one rank; dedup,
// referential checks, click groups and the fact rows computed locally.
#include <functional>
#include <string_view>
#include <vector>

#include "adlake/h5/column.hpp"
#include "adlake/stages/silver.hpp"
#include "adlake/stages/silver_input.hpp"
#include "adlake/stages/silver_stats.hpp"

namespace adlake::silver {

struct Shares {
  EntityShare<clean::CleanRequest> requests;
  EntityShare<clean::CleanImpression> impressions;
  EntityShare<clean::CleanClick> clicks;
  EntityShare<clean::CleanUser> users;
  EntityShare<clean::CleanCampaign> campaigns;
  EntityShare<clean::CleanApp> apps;
};

// This rank's part of silver's tables.
struct Outputs {
  Table fact;                           // this rank's id range, ascending by id_md5
  std::vector<clean::CleanUser> users;  // this rank's key range, ascending by key
  std::vector<clean::CleanCampaign> campaigns;
  std::vector<clean::CleanApp> apps;
  std::vector<ops::Rejected> impression_rejects;  // referential rejects found on this rank
  std::vector<ops::Rejected> click_rejects;
  // The join each dimension used (after kAuto was resolved).
  ops::JoinStrategy users_join = ops::JoinStrategy::kAuto;
  ops::JoinStrategy campaigns_join = ops::JoinStrategy::kAuto;
  ops::JoinStrategy apps_join = ops::JoinStrategy::kAuto;
};

// Collective. Consumes the shares' valid rows; adds this rank's duplicates,
// referential rejects and kept rows to `stats` (local counts).
Outputs build_silver(const Comm& comm, Shares& shares, const SilverOptions& options,
                     std::vector<EntityStats>& stats,
                     const std::function<void(std::string_view)>& step_done);

}  // namespace adlake::silver
