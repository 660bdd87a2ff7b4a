#include "adlake/stages/silver_funnel.hpp"

#include <numeric>

#include "adlake/ops/dedup.hpp"
#include "adlake/ops/funnel.hpp"
#include "adlake/ops/keep_rows.hpp"
#include "adlake/stages/silver_rejects.hpp"

namespace adlake::silver {

namespace {

std::vector<std::uint32_t> all_rows(std::size_t n) {
  std::vector<std::uint32_t> out(n);
  std::iota(out.begin(), out.end(), 0u);
  return out;
}

// Counts a share's rows in and value rejects.
template <class Clean>
void count_read(std::vector<EntityStats>& stats, const EntityShare<Clean>& share) {
  auto& s = find_stats(stats, Entity<Clean>::name);
  s.rows_in += share.rows();
  s.count_rejects(share.rejects);
}

// A dimension: read, validated (its rejects table built meanwhile), exchanged
// by key range and deduplicated.
template <class Clean>
ops::Dimension<Clean> read_dimension(const Comm& comm, const h5::File& bronze,
                                     const std::vector<std::int64_t>& file_order,
                                     const SilverOptions& options, std::vector<EntityStats>& stats,
                                     Table& rejects) {
  auto share = read_entity<Clean>(bronze, comm, file_order, RejectRows::kBuild, options.chunk_rows);
  count_read(stats, share);
  rejects = std::move(share.reject_rows);
  auto dim = ops::build_dimension(comm, std::move(share.valid));
  auto& s = find_stats(stats, Entity<Clean>::name);
  s.duplicates += dim.duplicates;
  s.rows_out += static_cast<std::int64_t>(dim.rows.size());
  return dim;
}

}  // namespace

Outputs build_silver(const Comm& comm, const h5::File& bronze,
                     const std::vector<std::int64_t>& file_order, const SilverOptions& options,
                     std::vector<EntityStats>& stats,
                     const std::function<void(std::string_view)>& step_done) {
  Outputs out;
  const std::int64_t chunk = options.chunk_rows;
  auto join_of = [&](const auto& dim) {
    return ops::resolve_join(options.dimension_join, dim.bytes(),
                             options.broadcast_threshold_bytes);
  };

  // Requests: one per id_md5, kept ascending by id.
  {
    auto share = stream_to_id_owners<clean::CleanRequest>(bronze, comm, file_order,
                                                          RejectRows::kBuild, chunk);
    count_read(stats, share);
    out.request_rejects = std::move(share.reject_rows);
    out.requests = std::move(share.valid);
    const ops::Dedup dedup = ops::dedup_requests(out.requests);
    ops::keep_rows(out.requests, dedup.kept);
    out.kept_requests = all_rows(out.requests.size());
    find_stats(stats, "requests").duplicates += dedup.duplicates;
    find_stats(stats, "requests").rows_out += static_cast<std::int64_t>(out.requests.size());
  }
  step_done("requests read, partitioned by id_md5 and deduplicated");

  // Campaigns, for unknown_campaign.
  auto campaigns = read_dimension<clean::CleanCampaign>(comm, bronze, file_order, options, stats,
                                                        out.campaign_rejects);
  out.campaigns_join = join_of(campaigns);

  // Impressions: one per id_md5, then orphan_impression and unknown_campaign.
  auto impressions = stream_to_id_owners<clean::CleanImpression>(bronze, comm, file_order,
                                                                 RejectRows::kLater, chunk);
  count_read(stats, impressions);
  std::vector<ops::Rejected> impression_rejects;  // referential, found on this rank
  {
    out.impressions = std::move(impressions.valid);
    const ops::Dedup dedup = ops::dedup_impressions(out.impressions);
    find_stats(stats, "impressions").duplicates += dedup.duplicates;
    const auto with_request = ops::drop_orphan_impressions(
        out.requests, out.kept_requests, out.impressions, dedup.kept, impression_rejects);
    ops::keep_rows(out.impressions, with_request);
  }
  const std::vector<std::uint32_t> with_request = all_rows(out.impressions.size());
  out.campaign_rows = ops::lookup(
      comm, campaigns, with_request.size(),
      [&](std::size_t k) -> const clean::Id& { return out.impressions[k].row.campaign_id; },
      out.campaigns_join);
  out.kept_impressions = ops::drop_unknown_campaigns(out.impressions, with_request,
                                                     out.campaign_rows.of, impression_rejects);
  auto& impression_stats = find_stats(stats, "impressions");
  impression_stats.rows_out += static_cast<std::int64_t>(out.kept_impressions.index.size());
  impression_stats.count_rejects(impression_rejects);
  out.campaigns = std::move(campaigns.rows);  // campaign_rows holds what the facts need
  step_done("impressions read, deduplicated and checked against requests and campaigns");

  // Clicks: orphan_click, click_out_of_window, then one group per id_md5.
  auto clicks =
      stream_to_id_owners<clean::CleanClick>(bronze, comm, file_order, RejectRows::kLater, chunk);
  count_read(stats, clicks);
  std::vector<ops::Rejected> click_rejects;
  {
    const std::vector<ops::ClickRow> owned = std::move(clicks.valid);
    ops::ClickGroups groups =
        ops::group_clicks(out.impressions, out.kept_impressions.index, owned, click_rejects);
    out.click_groups = std::move(groups.groups);
    auto& click_stats = find_stats(stats, "clicks");
    click_stats.duplicates += groups.duplicates;
    click_stats.rows_out += static_cast<std::int64_t>(out.click_groups.size());
    click_stats.count_rejects(click_rejects);
  }
  step_done("clicks read, checked and grouped");

  // The referential rejects go back to the ranks that read those rows, which
  // read them again from bronze for their rejects tables.
  return_rejects(comm, impression_rejects, impressions);
  return_rejects(comm, click_rejects, clicks);
  impression_rejects = {};
  click_rejects = {};
  out.impression_rejects = reread_reject_table(bronze, comm, impressions, chunk);
  out.click_rejects = reread_reject_table(bronze, comm, clicks, chunk);
  step_done("rejects returned to their readers");

  // Users and apps of the kept requests.
  auto users =
      read_dimension<clean::CleanUser>(comm, bronze, file_order, options, stats, out.user_rejects);
  auto apps =
      read_dimension<clean::CleanApp>(comm, bronze, file_order, options, stats, out.app_rejects);
  out.users_join = join_of(users);
  out.apps_join = join_of(apps);
  out.user_rows = ops::lookup(
      comm, users, out.requests.size(),
      [&](std::size_t k) -> const clean::Id& { return out.requests[k].row.user_id; },
      out.users_join);
  out.app_rows = ops::lookup(
      comm, apps, out.requests.size(),
      [&](std::size_t k) -> const clean::Id& { return out.requests[k].row.app_id; }, out.apps_join);
  out.users = std::move(users.rows);
  out.apps = std::move(apps.rows);
  step_done("users and apps read, deduplicated and joined");
  return out;
}

}  // namespace adlake::silver
