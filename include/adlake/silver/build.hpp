#pragma once
// The distributed middle of silver (CONTRACT 2.3 steps 1-4): entity by
// entity, bronze rows are read in chunks and validated; requests, impressions
// and clicks go to the rank owning a contiguous range of id_md5 as they are
// read; dimensions are exchanged so each key lives on one rank; dedup,
// referential checks and click groups are local. One entity is finished (its
// rows deduplicated and compacted, its bronze rows dropped) before the next is
// read, so a rank holds little more than its share of the kept rows.
#include <functional>
#include <string_view>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/silver/dimension.hpp"
#include "adlake/silver/fact.hpp"
#include "adlake/silver/input.hpp"
#include "adlake/silver/options.hpp"
#include "adlake/silver/stats.hpp"

namespace adlake::silver {

// This rank's part of silver's tables: the fact's sources (its id range,
// ascending by id_md5), the dimensions (its key range, ascending by key) and
// the rejects of the bronze rows it read.
struct Outputs {
  std::vector<RequestRow> requests;            // kept, ascending by id
  std::vector<std::uint32_t> kept_requests;    // 0, 1, ... (every row of `requests`)
  std::vector<ImpressionRow> impressions;      // deduplicated, with a request; by id
  KeptImpressions kept_impressions;            // those with a kept campaign
  std::vector<ClickGroup> click_groups;        // ascending by id
  Lookup<clean::CleanCampaign> campaign_rows;  // what kept_impressions point into
  Lookup<clean::CleanUser> user_rows;          // per kept request; null: no profile
  Lookup<clean::CleanApp> app_rows;            // per kept request; null: no app
  std::vector<clean::CleanUser> users;         // this rank's key range, ascending by key
  std::vector<clean::CleanCampaign> campaigns;
  std::vector<clean::CleanApp> apps;
  // /_rejects/<entity> rows of the bronze rows this rank read, in input order.
  Table request_rejects, impression_rejects, click_rejects, user_rejects, campaign_rejects,
      app_rejects;
  // The join each dimension used (after kAuto was resolved).
  JoinStrategy users_join = JoinStrategy::kAuto;
  JoinStrategy campaigns_join = JoinStrategy::kAuto;
  JoinStrategy apps_join = JoinStrategy::kAuto;

  // The fact rows' sources; valid while this object lives.
  FactSources fact_sources() const {
    return {requests,    kept_requests,     user_rows.of, app_rows.of,
            impressions, &kept_impressions, click_groups};
  }
};

// Collective. Reads every entity of `bronze`; adds this rank's rows in,
// rejects, duplicates and kept rows to `stats` (local counts).
Outputs build_silver(const Comm& comm, const h5::File& bronze,
                     const std::vector<std::int64_t>& file_order, const SilverOptions& options,
                     std::vector<EntityStats>& stats,
                     const std::function<void(std::string_view)>& step_done);

}  // namespace adlake::silver
