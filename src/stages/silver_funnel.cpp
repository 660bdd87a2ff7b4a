#include "adlake/stages/silver_funnel.hpp"

#include "adlake/mpi/exchange.hpp"
#include "adlake/ops/dedup.hpp"
#include "adlake/ops/dimension.hpp"
#include "adlake/ops/fact.hpp"
#include "adlake/ops/funnel.hpp"
#include "adlake/ops/partition.hpp"

namespace adlake::silver {

namespace {

// Rows to the rank owning their id_md5's range; frees the sender's copy.
template <class Row>
std::vector<Row> to_id_owners(const Comm& comm, std::vector<Row>& rows) {
  const int ranks = comm.size();
  auto split = ops::split_by_owner(std::span<const Row>(rows), ranks,
                                   [ranks](const Row& r) { return ops::id_owner(r.row.id_md5, ranks); });
  rows = {};
  return adlake::exchange(comm, split);
}

template <class Row>
ops::Dimension<Row> dimension(const Comm& comm, std::vector<ops::Sourced<Row>>& valid) {
  auto dim = ops::build_dimension(comm, std::span<const ops::Sourced<Row>>(valid));
  valid = {};
  return dim;
}

}  // namespace

Outputs build_silver(const Comm& comm, Shares& shares, const SilverOptions& options,
                     std::vector<EntityStats>& stats,
                     const std::function<void(std::string_view)>& step_done) {
  Outputs out;
  auto join_of = [&](const auto& dim) {
    return ops::resolve_join(options.dimension_join, dim.bytes(), options.broadcast_threshold_bytes);
  };

  // Requests: one per id_md5.
  const std::vector<ops::RequestRow> requests = to_id_owners(comm, shares.requests.valid);
  const ops::Dedup request_dedup = ops::dedup_requests(requests);
  find_stats(stats, "requests").duplicates += request_dedup.duplicates;
  find_stats(stats, "requests").rows_out += static_cast<std::int64_t>(request_dedup.kept.size());
  step_done("requests partitioned by id_md5 and deduplicated");

  // Impressions: one per id_md5, then orphan_impression.
  const std::vector<ops::ImpressionRow> impressions = to_id_owners(comm, shares.impressions.valid);
  const ops::Dedup impression_dedup = ops::dedup_impressions(impressions);
  const std::vector<std::uint32_t> with_request = ops::drop_orphan_impressions(
      requests, request_dedup.kept, impressions, impression_dedup.kept, out.impression_rejects);

  // Campaigns, then unknown_campaign against the kept campaigns.
  const auto campaigns = dimension(comm, shares.campaigns.valid);
  out.campaigns_join = join_of(campaigns);
  std::vector<clean::Id> keys;
  keys.reserve(with_request.size());
  for (const auto i : with_request) keys.push_back(impressions[i].row.campaign_id);
  const auto campaign_rows = ops::lookup(comm, campaigns, keys, out.campaigns_join);
  const ops::KeptImpressions kept_impressions = ops::drop_unknown_campaigns(
      impressions, with_request, campaign_rows.pointers(), out.impression_rejects);
  auto& impression_stats = find_stats(stats, "impressions");
  impression_stats.duplicates += impression_dedup.duplicates;
  impression_stats.rows_out += static_cast<std::int64_t>(kept_impressions.index.size());
  impression_stats.count_rejects(out.impression_rejects);
  find_stats(stats, "campaigns").duplicates += campaigns.duplicates;
  find_stats(stats, "campaigns").rows_out += static_cast<std::int64_t>(campaigns.rows.size());
  step_done("impressions deduplicated and checked against requests and campaigns");

  // Clicks: orphan_click, click_out_of_window, then one group per id_md5.
  const std::vector<ops::ClickRow> clicks = to_id_owners(comm, shares.clicks.valid);
  const ops::ClickGroups click_groups =
      ops::group_clicks(impressions, kept_impressions.index, clicks, out.click_rejects);
  auto& click_stats = find_stats(stats, "clicks");
  click_stats.duplicates += click_groups.duplicates;
  click_stats.rows_out += static_cast<std::int64_t>(click_groups.groups.size());
  click_stats.count_rejects(out.click_rejects);
  step_done("clicks checked and grouped");

  // Users and apps of the kept requests.
  const auto users = dimension(comm, shares.users.valid);
  const auto apps = dimension(comm, shares.apps.valid);
  out.users_join = join_of(users);
  out.apps_join = join_of(apps);
  keys.clear();
  for (const auto i : request_dedup.kept) keys.push_back(requests[i].row.user_id);
  const auto user_rows = ops::lookup(comm, users, keys, out.users_join);
  keys.clear();
  for (const auto i : request_dedup.kept) keys.push_back(requests[i].row.app_id);
  const auto app_rows = ops::lookup(comm, apps, keys, out.apps_join);
  keys = {};
  find_stats(stats, "user_profiles").duplicates += users.duplicates;
  find_stats(stats, "user_profiles").rows_out += static_cast<std::int64_t>(users.rows.size());
  find_stats(stats, "app_metadata").duplicates += apps.duplicates;
  find_stats(stats, "app_metadata").rows_out += static_cast<std::int64_t>(apps.rows.size());
  step_done("users and apps deduplicated and joined");

  const auto user_of = user_rows.pointers();
  const auto app_of = app_rows.pointers();
  out.fact = ops::build_fact({requests, request_dedup.kept, user_of, app_of, impressions,
                              &kept_impressions, click_groups.groups});
  out.users = users.rows;
  out.campaigns = campaigns.rows;
  out.apps = apps.rows;
  step_done("fact rows assembled");
  return out;
}

}  // namespace adlake::silver
