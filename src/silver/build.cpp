#include "adlake/silver/build.hpp"

#include <numeric>

#include "adlake/silver/dedup.hpp"
#include "adlake/silver/funnel.hpp"
#include "adlake/silver/keep_rows.hpp"
#include "adlake/silver/rejects.hpp"

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

// What every step reads from and counts into.
struct Input {
  const Comm& comm;
  const h5::File& bronze;
  const std::vector<std::int64_t>& file_order;
  const SilverOptions& options;
  std::vector<EntityStats>& stats;

  JoinStrategy join_of(std::int64_t dimension_bytes) const {
    return resolve_join(options.dimension_join, dimension_bytes, options.broadcast_threshold_bytes);
  }
};

// An id-keyed entity read by the id owners, with the referential rejects its
// owners found (to go back to the ranks that read those rows).
template <class Clean>
struct Owned {
  EntityShare<Clean> share;
  std::vector<Rejected> rejects;
};

// A dimension: read, validated (its rejects table built meanwhile), exchanged
// by key range and deduplicated.
template <class Clean>
Dimension<Clean> read_dimension(const Input& in, Table& rejects) {
  auto share = read_entity<Clean>(in.bronze, in.comm, in.file_order, RejectRows::kBuild,
                                  in.options.chunk_rows);
  count_read(in.stats, share);
  rejects = std::move(share.reject_rows);
  auto dim = build_dimension(in.comm, std::move(share.valid));
  auto& s = find_stats(in.stats, Entity<Clean>::name);
  s.duplicates += dim.duplicates;
  s.rows_out += static_cast<std::int64_t>(dim.rows.size());
  return dim;
}

// Requests: one per id_md5, kept ascending by id.
void read_requests(const Input& in, Outputs& out) {
  auto share = stream_to_id_owners<clean::CleanRequest>(in.bronze, in.comm, in.file_order,
                                                        RejectRows::kBuild, in.options.chunk_rows);
  count_read(in.stats, share);
  out.request_rejects = std::move(share.reject_rows);
  out.requests = std::move(share.valid);
  const Dedup dedup = dedup_requests(out.requests);
  keep_rows(out.requests, dedup.kept);
  out.kept_requests = all_rows(out.requests.size());
  auto& s = find_stats(in.stats, "requests");
  s.duplicates += dedup.duplicates;
  s.rows_out += static_cast<std::int64_t>(out.requests.size());
}

// Impressions: one per id_md5, then orphan_impression and unknown_campaign
// (the campaigns are read here, for the latter).
Owned<clean::CleanImpression> read_impressions(const Input& in, Outputs& out) {
  auto campaigns = read_dimension<clean::CleanCampaign>(in, out.campaign_rejects);
  out.campaigns_join = in.join_of(campaigns.bytes());
  Owned<clean::CleanImpression> owned{
      stream_to_id_owners<clean::CleanImpression>(in.bronze, in.comm, in.file_order,
                                                  RejectRows::kLater, in.options.chunk_rows),
      {}};
  count_read(in.stats, owned.share);
  out.impressions = std::move(owned.share.valid);
  const Dedup dedup = dedup_impressions(out.impressions);
  auto& s = find_stats(in.stats, "impressions");
  s.duplicates += dedup.duplicates;
  keep_rows(out.impressions, drop_orphan_impressions(out.requests, out.kept_requests,
                                                     out.impressions, dedup.kept, owned.rejects));
  const std::vector<std::uint32_t> with_request = all_rows(out.impressions.size());
  out.campaign_rows = lookup(
      in.comm, campaigns, with_request.size(),
      [&](std::size_t k) -> const clean::Id& { return out.impressions[k].row.campaign_id; },
      out.campaigns_join);
  out.kept_impressions =
      drop_unknown_campaigns(out.impressions, with_request, out.campaign_rows.of, owned.rejects);
  s.rows_out += static_cast<std::int64_t>(out.kept_impressions.index.size());
  s.count_rejects(owned.rejects);
  out.campaigns = std::move(campaigns.rows);  // campaign_rows holds what the facts need
  return owned;
}

// Clicks: orphan_click, click_out_of_window, then one group per id_md5.
Owned<clean::CleanClick> read_clicks(const Input& in, Outputs& out) {
  Owned<clean::CleanClick> owned{
      stream_to_id_owners<clean::CleanClick>(in.bronze, in.comm, in.file_order, RejectRows::kLater,
                                             in.options.chunk_rows),
      {}};
  count_read(in.stats, owned.share);
  const std::vector<ClickRow> rows = std::move(owned.share.valid);
  ClickGroups groups =
      group_clicks(out.impressions, out.kept_impressions.index, rows, owned.rejects);
  out.click_groups = std::move(groups.groups);
  auto& s = find_stats(in.stats, "clicks");
  s.duplicates += groups.duplicates;
  s.rows_out += static_cast<std::int64_t>(out.click_groups.size());
  s.count_rejects(owned.rejects);
  return owned;
}

// The referential rejects go back to the ranks that read those rows, which
// read them again from bronze for their rejects table.
template <class Clean>
Table reject_table(const Input& in, Owned<Clean>& owned) {
  return_rejects(in.comm, owned.rejects, owned.share);
  owned.rejects = {};
  return reread_reject_table(in.bronze, in.comm, owned.share, in.options.chunk_rows);
}

// Users and apps of the kept requests.
void join_users_and_apps(const Input& in, Outputs& out) {
  auto users = read_dimension<clean::CleanUser>(in, out.user_rejects);
  auto apps = read_dimension<clean::CleanApp>(in, out.app_rejects);
  out.users_join = in.join_of(users.bytes());
  out.apps_join = in.join_of(apps.bytes());
  out.user_rows = lookup(
      in.comm, users, out.requests.size(),
      [&](std::size_t k) -> const clean::Id& { return out.requests[k].row.user_id; },
      out.users_join);
  out.app_rows = lookup(
      in.comm, apps, out.requests.size(),
      [&](std::size_t k) -> const clean::Id& { return out.requests[k].row.app_id; }, out.apps_join);
  out.users = std::move(users.rows);
  out.apps = std::move(apps.rows);
}

}  // namespace

Outputs build_silver(const Comm& comm, const h5::File& bronze,
                     const std::vector<std::int64_t>& file_order, const SilverOptions& options,
                     std::vector<EntityStats>& stats,
                     const std::function<void(std::string_view)>& step_done) {
  const Input in{comm, bronze, file_order, options, stats};
  Outputs out;
  read_requests(in, out);
  step_done("requests read, partitioned by id_md5 and deduplicated");
  auto impressions = read_impressions(in, out);
  step_done("impressions read, deduplicated and checked against requests and campaigns");
  auto clicks = read_clicks(in, out);
  step_done("clicks read, checked and grouped");
  out.impression_rejects = reject_table(in, impressions);
  out.click_rejects = reject_table(in, clicks);
  step_done("rejects returned to their readers");
  join_users_and_apps(in, out);
  step_done("users and apps read, deduplicated and joined");
  return out;
}

}  // namespace adlake::silver
