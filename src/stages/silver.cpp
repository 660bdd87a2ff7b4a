#include "adlake/stages/silver.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <memory>

#include "adlake/core/error.hpp"
#include "adlake/core/memory_budget.hpp"
#include "adlake/core/summary.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/ops/dimension_tables.hpp"
#include "adlake/ops/fact.hpp"
#include "adlake/stages/silver_funnel.hpp"

namespace adlake {

namespace {

using silver::EntityStats;

constexpr const char* kFiles = "/_files";

// A bronze table silver reads and the columns it needs from it.
template <class Clean>
void check_bronze_table(const h5::File& file) {
  using E = silver::Entity<Clean>;
  const std::string table = fmt::format("/{}", E::name);
  if (!h5::table_exists(file, table)) throw DataError(file.path() + " has no table " + table);
  const auto columns = h5::table_columns(file, table);
  std::vector<std::string_view> needed(E::columns.begin(), E::columns.end());
  needed.insert(needed.end(), {"_file", "_line"});
  for (const auto column : needed) {
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      throw DataError(fmt::format("{}: table {} has no column {}", file.path(), table, column));
    }
  }
}

// Every bronze table and column silver reads, checked before anything is read.
void check_bronze(const std::string& path, const SilverOptions& options) {
  if (options.broadcast_threshold_bytes < 0) {
    throw UsageError("--broadcast-threshold must not be negative");
  }
  if (!std::filesystem::exists(path)) {
    throw IoError("no bronze layer at " + path + " (run `adlake bronze` first)");
  }
  const h5::File file = h5::File::open_read(path);
  check_bronze_table<clean::CleanRequest>(file);
  check_bronze_table<clean::CleanImpression>(file);
  check_bronze_table<clean::CleanClick>(file);
  check_bronze_table<clean::CleanUser>(file);
  check_bronze_table<clean::CleanCampaign>(file);
  check_bronze_table<clean::CleanApp>(file);
  if (!h5::table_exists(file, kFiles)) throw DataError(path + " has no table " + kFiles);
}

h5::TableMeta table_meta(const SilverOptions& options, std::vector<std::string> sources,
                         nlohmann::json stats, std::string description) {
  h5::TableMeta meta;
  meta.stage = "silver";
  meta.sources = std::move(sources);
  meta.params = {{"broadcast_threshold_bytes", options.broadcast_threshold_bytes},
                 {"dimension_join", std::string(ops::label(options.dimension_join))}};
  meta.stats = std::move(stats);
  meta.description = std::move(description);
  return meta;
}

std::string bronze_source(std::string_view entity) {
  return "bronze.h5:/" + std::string(entity);
}

// bronze's /_files, so silver's rejects can name their files. Rank 0 holds it.
Table files_table(const h5::File& bronze, const Comm& comm) {
  const std::int64_t n = h5::table_rows(bronze, kFiles);
  return h5::read_table(bronze, kFiles, 0, comm.is_root() ? n : 0);
}

// The memory bound per rank (core/memory_budget.hpp), checked before any
// bronze row is read. Silver reads one entity at a time, in chunks, and keeps
// its share of the cleaned requests, impressions and click groups to the end
// (an id-keyed entity: its rows plus the dedup's sort keys and index lists,
// about half as much again); a dimension is exchanged and deduplicated whole
// (about three copies of its rows). On top: one chunk of bronze rows with
// its read buffers and cleaned rows, and one fact slice.
constexpr double kIdKeyedCopies = 1.5;
constexpr double kDimensionCopies = 3.0;
constexpr std::uint64_t kFactSliceBytesPerRow = 640;  // columns + fixed-width write buffers

struct EntityMemory {
  std::uint64_t rows = 0;   // the share's cleaned rows, with their working copies
  std::uint64_t chunk = 0;  // one chunk of bronze rows, read and cleaned
};

template <class Clean>
EntityMemory share_memory(const h5::File& bronze, const Comm& comm, std::int64_t chunk_rows,
                          double copies) {
  using E = silver::Entity<Clean>;
  const std::string path = "/" + std::string(E::name);
  const auto count = h5::even_share(h5::table_rows(bronze, path), comm.rank(), comm.size()).second;
  const std::int64_t chunk = std::min(count, std::max<std::int64_t>(chunk_rows, 1));
  std::vector<std::string> names(E::columns.begin(), E::columns.end());
  names.insert(names.end(), {"_file", "_line"});
  const auto row = static_cast<double>(sizeof(ops::Sourced<Clean>));
  return {static_cast<std::uint64_t>(copies * static_cast<double>(count) * row),
          h5::read_memory_bytes(bronze, path, chunk, names) +
              2 * static_cast<std::uint64_t>(static_cast<double>(chunk) * row)};
}

void check_silver_memory(const Context& ctx, const h5::File& bronze, std::int64_t chunk_rows) {
  const Comm& comm = ctx.comm;
  const std::uint64_t need = collective_try(comm, [&] {
    const EntityMemory parts[] = {
        share_memory<clean::CleanRequest>(bronze, comm, chunk_rows, kIdKeyedCopies),
        share_memory<clean::CleanImpression>(bronze, comm, chunk_rows, kIdKeyedCopies),
        share_memory<clean::CleanClick>(bronze, comm, chunk_rows, kIdKeyedCopies),
        share_memory<clean::CleanUser>(bronze, comm, chunk_rows, kDimensionCopies),
        share_memory<clean::CleanCampaign>(bronze, comm, chunk_rows, kDimensionCopies),
        share_memory<clean::CleanApp>(bronze, comm, chunk_rows, kDimensionCopies)};
    std::uint64_t rows = 0, chunk = 0;
    for (const auto& part : parts) {
      rows += part.rows;
      chunk = std::max(chunk, part.chunk);
    }
    return rows + chunk +
           kFactSliceBytesPerRow *
               static_cast<std::uint64_t>(std::max<std::int64_t>(chunk_rows, 1));
  });
  check_memory(ctx, need, "silver: loading " + bronze.path(),
               "its share of the six bronze tables, cleaned and exchanged");
}

// Collective: /fact_ad_funnel assembled and written `chunk_rows` rows at a
// time, so a rank never holds its whole fact table (as large as its kept
// requests) next to the rows it is made from.
void write_fact(h5::File& file, const Comm& comm, const ops::FactSources& sources,
                std::int64_t chunk_rows, const h5::TableMeta& meta) {
  std::vector<std::size_t> widths = ops::fact_string_widths(sources);
  for (auto& width : widths) width = allreduce_max<unsigned long long>(comm, width);
  const auto rows = static_cast<std::int64_t>(sources.kept_requests.size());
  h5::TableWriter writer(file, "/fact_ad_funnel", ops::empty_fact(), widths, rows, comm);
  const std::int64_t chunk = std::max<std::int64_t>(chunk_rows, 1);
  const std::int64_t rounds = allreduce_max(comm, (rows + chunk - 1) / chunk);
  ops::FactBuilder builder(sources);
  for (std::int64_t round = 0; round < rounds; ++round) {
    writer.write(builder.next(static_cast<std::size_t>(chunk)));
  }
  writer.finish(meta);
}

}  // namespace

lineage::FingerprintSpec silver_fingerprint_spec(const SilverOptions& options) {
  return {"silver", {}, {(std::filesystem::path(options.lake) / "bronze.h5").string()}, "", {}};
}

void run_silver(Context& ctx, const SilverOptions& options) {
  const Comm& comm = ctx.comm;
  Stopwatch clock;
  const std::string bronze_path = (std::filesystem::path(options.lake) / "bronze.h5").string();
  collective_try(comm, [&] {
    if (ctx.is_root()) check_bronze(bronze_path, options);
  });
  // Taken before reading: an input that changes during the run makes the layer stale.
  const auto fingerprint = lineage::agree_fingerprint(silver_fingerprint_spec(options), comm);
  // Wall-clock, this rank's CPU time (user + system: on a shared machine, what
  // the stage itself costs) and its peak memory so far.
  auto step_done = [&](std::string_view what) {
    const double seconds = clock.seconds();
    const double cpu = static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    if (ctx.is_root()) {
      spdlog::info("silver: {} ({:.2f} s, cpu {:.2f} s, peak {} MB)", what, seconds, cpu,
                   usage.ru_maxrss / 1024);
    }
  };

  auto bronze = std::make_unique<h5::File>(
      h5::File::open_layer(bronze_path, comm, "run `adlake bronze` first"));
  check_silver_memory(ctx, *bronze, options.chunk_rows);
  const auto file_order = silver::read_file_order(*bronze);
  std::vector<EntityStats> stats = silver::empty_stats();
  silver::Outputs out = silver::build_silver(comm, *bronze, file_order, options, stats, step_done);
  const Table files = files_table(*bronze, comm);
  bronze.reset();
  silver::sum_over_ranks(comm, stats);  // and checks bronze rows = rejects + duplicates + kept
  const std::int64_t fact_rows =
      allreduce_sum<std::int64_t>(comm, static_cast<std::int64_t>(out.requests.size()));

  {
    h5::LayerFile layer(options.lake, "silver.h5", comm);
    h5::File& file = layer.file();
    auto stats_of = [&](std::initializer_list<std::string_view> entities) {
      return silver::stats_json(stats, entities);
    };
    write_fact(
        file, comm, out.fact_sources(), options.chunk_rows,
        table_meta(options,
                   {bronze_source("requests"), bronze_source("impressions"),
                    bronze_source("clicks"), bronze_source("user_profiles"),
                    bronze_source("campaigns"), bronze_source("app_metadata")},
                   stats_of({"requests", "impressions", "clicks"}),
                   "one row per kept request, ascending by id_md5, with its kept impression, "
                   "campaign, click group, user profile and app (CONTRACT 2.4)"));
    step_done("fact rows assembled and written");
    h5::write_table(
        file, "/users", ops::users_table(out.users),
        table_meta(options, {bronze_source("user_profiles")}, stats_of({"user_profiles"}),
                   "kept user profiles, one per user_id, ascending by user_id"),
        comm);
    h5::write_table(file, "/campaigns", ops::campaigns_table(out.campaigns),
                    table_meta(options, {bronze_source("campaigns")}, stats_of({"campaigns"}),
                               "kept campaigns, one per campaign_id, ascending by campaign_id"),
                    comm);
    h5::write_table(file, "/apps", ops::apps_table(out.apps),
                    table_meta(options, {bronze_source("app_metadata")}, stats_of({"app_metadata"}),
                               "kept apps, one per app_id, ascending by app_id"),
                    comm);
    const std::pair<std::string_view, const Table*> rejects[] = {
        {"requests", &out.request_rejects},   {"impressions", &out.impression_rejects},
        {"clicks", &out.click_rejects},       {"user_profiles", &out.user_rejects},
        {"campaigns", &out.campaign_rejects}, {"app_metadata", &out.app_rejects}};
    for (const auto& [entity, table] : rejects) {
      h5::write_table(file, "/_rejects/" + std::string(entity), *table,
                      table_meta(options, {bronze_source(entity)}, stats_of({entity}),
                                 "rows of bronze " + std::string(entity) +
                                     " rejected by silver, in input order: _file indexes "
                                     "/_files, _line is the line in that file; bronze values "
                                     "except ip"),
                      comm, h5::StringWidths::compact);
    }
    h5::write_table(file, kFiles, files,
                    table_meta(options, {"bronze.h5:/_files"}, nlohmann::json::object(),
                               "bronze's input files, which the rejects' _file indexes"),
                    comm);
    h5::write_run_attributes(file, comm);
    lineage::write_fingerprint(file, comm, fingerprint);
    layer.publish();
    step_done("silver.h5 written");
  }

  StageReport report{"silver"};
  std::int64_t dimension_rows = 0;
  for (const auto& s : stats) {
    report.rows_in += s.rows_in;
    report.rejects += s.reject_total();
    if (s.entity == "user_profiles" || s.entity == "campaigns" || s.entity == "app_metadata") {
      dimension_rows += s.rows_out;
    }
  }
  report.rows_out = fact_rows + dimension_rows;
  // Throughput in MB of the bronze layer it reads (the summary's MB/s).
  report.megabytes = static_cast<double>(std::filesystem::file_size(bronze_path)) / 1e6;
  if (ctx.is_root()) {
    spdlog::info(
        "silver: wrote {}/silver.h5: {} fact rows; joins: users {}, campaigns {}, apps {}\n{}",
        options.lake, fact_rows, ops::label(out.users_join), ops::label(out.campaigns_join),
        ops::label(out.apps_join), silver::format_stats(stats));
  }
  record_stage(ctx, report, clock.seconds());
}

}  // namespace adlake
