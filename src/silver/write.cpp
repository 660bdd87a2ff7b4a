#include "adlake/silver/write.hpp"

#include <string>
#include <utility>

#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/silver/dimension_tables.hpp"
#include "adlake/silver/fact.hpp"

namespace adlake::silver {

namespace {

constexpr const char* kFiles = "/_files";

h5::TableMeta table_meta(const SilverOptions& options, std::vector<std::string> sources,
                         nlohmann::json stats, std::string description) {
  h5::TableMeta meta;
  meta.stage = "silver";
  meta.sources = std::move(sources);
  meta.params = {{"broadcast_threshold_bytes", options.broadcast_threshold_bytes},
                 {"dimension_join", std::string(label(options.dimension_join))}};
  meta.stats = std::move(stats);
  meta.description = std::move(description);
  return meta;
}

std::string bronze_source(std::string_view entity) {
  return "bronze.h5:/" + std::string(entity);
}

// Collective: /fact_ad_funnel assembled and written `chunk_rows` rows at a
// time, so a rank never holds its whole fact table (as large as its kept
// requests) next to the rows it is made from.
void write_fact(h5::File& file, const Comm& comm, const FactSources& sources,
                std::int64_t chunk_rows, const h5::TableMeta& meta) {
  std::vector<std::size_t> widths = fact_string_widths(sources);
  for (auto& width : widths) width = allreduce_max<unsigned long long>(comm, width);
  const auto rows = static_cast<std::int64_t>(sources.kept_requests.size());
  h5::TableWriter writer(file, "/fact_ad_funnel", empty_fact(), widths, rows, comm);
  const std::int64_t chunk = std::max<std::int64_t>(chunk_rows, 1);
  const std::int64_t rounds = allreduce_max(comm, (rows + chunk - 1) / chunk);
  FactBuilder builder(sources);
  for (std::int64_t round = 0; round < rounds; ++round) {
    writer.write(builder.next(static_cast<std::size_t>(chunk)));
  }
  writer.finish(meta);
}

void write_dimensions(h5::File& file, const Comm& comm, const Outputs& out,
                      const std::vector<EntityStats>& stats, const SilverOptions& options) {
  h5::write_table(
      file, "/users", users_table(out.users),
      table_meta(options, {bronze_source("user_profiles")}, stats_json(stats, {"user_profiles"}),
                 "kept user profiles, one per user_id, ascending by user_id"),
      comm);
  h5::write_table(
      file, "/campaigns", campaigns_table(out.campaigns),
      table_meta(options, {bronze_source("campaigns")}, stats_json(stats, {"campaigns"}),
                 "kept campaigns, one per campaign_id, ascending by campaign_id"),
      comm);
  h5::write_table(
      file, "/apps", apps_table(out.apps),
      table_meta(options, {bronze_source("app_metadata")}, stats_json(stats, {"app_metadata"}),
                 "kept apps, one per app_id, ascending by app_id"),
      comm);
}

void write_rejects(h5::File& file, const Comm& comm, const Outputs& out,
                   const std::vector<EntityStats>& stats, const SilverOptions& options) {
  const std::pair<std::string_view, const Table*> rejects[] = {
      {"requests", &out.request_rejects},   {"impressions", &out.impression_rejects},
      {"clicks", &out.click_rejects},       {"user_profiles", &out.user_rejects},
      {"campaigns", &out.campaign_rejects}, {"app_metadata", &out.app_rejects}};
  for (const auto& [entity, table] : rejects) {
    h5::write_table(file, "/_rejects/" + std::string(entity), *table,
                    table_meta(options, {bronze_source(entity)}, stats_json(stats, {entity}),
                               "rows of bronze " + std::string(entity) +
                                   " rejected by silver, in input order: _file indexes "
                                   "/_files, _line is the line in that file; bronze values "
                                   "except ip"),
                    comm, h5::StringWidths::compact);
  }
}

}  // namespace

Table read_files_table(const h5::File& bronze, const Comm& comm) {
  const std::int64_t n = h5::table_rows(bronze, kFiles);
  return h5::read_table(bronze, kFiles, 0, comm.is_root() ? n : 0);
}

void write_tables(h5::File& file, const Comm& comm, const Outputs& out,
                  const std::vector<EntityStats>& stats, const Table& files,
                  const SilverOptions& options,
                  const std::function<void(std::string_view)>& step_done) {
  write_fact(file, comm, out.fact_sources(), options.chunk_rows,
             table_meta(options,
                        {bronze_source("requests"), bronze_source("impressions"),
                         bronze_source("clicks"), bronze_source("user_profiles"),
                         bronze_source("campaigns"), bronze_source("app_metadata")},
                        stats_json(stats, {"requests", "impressions", "clicks"}),
                        "one row per kept request, ascending by id_md5, with its kept "
                        "impression, campaign, click group, user profile and app (CONTRACT 2.4)"));
  step_done("fact rows assembled and written");
  write_dimensions(file, comm, out, stats, options);
  write_rejects(file, comm, out, stats, options);
  h5::write_table(file, kFiles, files,
                  table_meta(options, {"bronze.h5:/_files"}, nlohmann::json::object(),
                             "bronze's input files, which the rejects' _file indexes"),
                  comm);
}

}  // namespace adlake::silver
