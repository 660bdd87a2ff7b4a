#include "adlake/stages/gold.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>

#include "adlake/core/error.hpp"
#include "adlake/core/summary.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/gold/aggregate.hpp"
#include "adlake/gold/aggregate_combine.hpp"
#include "adlake/gold/aggregate_tables.hpp"
#include "adlake/gold/fact_rows.hpp"
#include "adlake/gold/features.hpp"
#include "adlake/gold/history_features.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake {
namespace {

constexpr const char* kFactTable = "/fact_ad_funnel";
constexpr const char* kSource = "silver.h5:/fact_ad_funnel";

struct FactShare {
  gold::FactRows rows;
  int64_t total_rows = 0;
};

// Every check that can fail runs inside collective_try, so a bad silver.h5
// ends the job on every rank together.
FactShare read_fact_share(const Comm& comm, const std::string& lake) {
  const std::string path = (std::filesystem::path(lake) / "silver.h5").string();
  collective_try(comm, [&] {
    if (comm.is_root() && !std::filesystem::exists(path)) {
      throw UsageError("gold: " + path + " does not exist; run `adlake silver --lake " + lake +
                       "` first");
    }
  });
  std::optional<h5::File> file;
  collective_try(comm, [&] {
    file.emplace(h5::File::open_parallel(path, comm));
    if (!h5::table_exists(*file, kFactTable)) {
      throw DataError("gold: " + path + " has no table " + kFactTable);
    }
  });
  FactShare share;
  share.total_rows = h5::table_rows(*file, kFactTable);
  const auto [begin, count] = h5::even_share(share.total_rows, comm.rank(), comm.size());
  Table table = collective_try(comm, [&] {
    return h5::read_table(*file, kFactTable, begin, count, gold::fact_columns());
  });
  file->close();
  const std::string where = path + ":" + kFactTable;
  collective_try(comm, [&] { share.rows = gold::fact_rows_from(std::move(table), where, begin); });

  // fact_rows_from checks the order inside each share; here, across shares.
  const auto& ids = share.rows.id_md5;
  const auto firsts = allgather_strings(comm, ids.empty() ? "" : std::string(ids.at(0)));
  const auto lasts = allgather_strings(comm, ids.empty() ? "" : std::string(ids.at(ids.size() - 1)));
  collective_try(comm, [&] {
    if (ids.empty()) return;
    for (int r = comm.rank() - 1; r >= 0; --r) {
      if (lasts[static_cast<size_t>(r)].empty()) continue;
      if (!(lasts[static_cast<size_t>(r)] < firsts[static_cast<size_t>(comm.rank())])) {
        throw DataError(where + " row " + std::to_string(begin) + " (id_md5 '" +
                        firsts[static_cast<size_t>(comm.rank())] +
                        "'): id_md5 is not strictly ascending (CONTRACT 2.4)");
      }
      break;
    }
  });
  return share;
}

void write_feature_attributes(h5::File& file) {
  h5::Handle group(H5Gopen2(file.id(), "/features", H5P_DEFAULT), "open /features");
  h5::write_attribute(group.id(), "feature_columns", nlohmann::json(gold::feature_columns()).dump());
  h5::write_attribute(group.id(), "label_column", std::string(gold::kLabelColumn));
  h5::write_attribute(group.id(), "split_column", std::string(gold::kSplitColumn));
  h5::write_attribute(group.id(), "id_column", std::string(gold::kIdColumn));
}

std::string percent(double x) { return fmt::format("{:.3f}%", 100.0 * x); }

void log_summary(const gold::DenseTotals& d) {
  const auto& f = d.funnel;
  spdlog::info(
      "gold funnel: {} requests -> {} impressions (fill rate {}) -> {} clicks (CTR {}) -> {} "
      "installs (CVR {}); revenue {:.2f} USD",
      f.requests, f.impressions, percent(gold::ratio(f.impressions, f.requests)), f.clicks,
      percent(gold::ratio(f.clicks, f.impressions)), f.installs,
      percent(gold::ratio(f.installs, f.clicks)), static_cast<double>(f.revenue_micros) / 1e6);
  const auto& with = d.by_affinity[1];
  const auto& without = d.by_affinity[0];
  const double ctr_with = gold::ratio(with.clicks, with.impressions);
  const double ctr_without = gold::ratio(without.clicks, without.impressions);
  spdlog::info(
      "gold affinity lift: CTR {} with interest = category ({} impressions) vs {} without ({} "
      "impressions): lift {}",
      percent(ctr_with), with.impressions, percent(ctr_without), without.impressions,
      ctr_without > 0 ? fmt::format("{:.2f}x", ctr_with / ctr_without) : std::string("n/a"));
}

}  // namespace

lineage::FingerprintSpec gold_fingerprint_spec(const GoldOptions& options) {
  return {"gold", {}, {(std::filesystem::path(options.lake) / "silver.h5").string()}, "", {}};
}

void run_gold(Context& ctx, const GoldOptions& options) {
  const Comm& comm = ctx.comm;
  Stopwatch clock;
  FactShare share = read_fact_share(comm, options.lake);
  const auto fingerprint = lineage::agree_fingerprint(gold_fingerprint_spec(options), comm);
  const double read_seconds = clock.seconds();

  Table features = gold::build_features(share.rows);
  gold::add_history_features(comm, share.rows, features);
  gold::LocalAggregates local = gold::aggregate_rows(share.rows);
  const int64_t fact_rows = share.total_rows;
  share = FactShare{};  // the fact columns are no longer needed
  const gold::AggregateTotals totals = gold::combine_aggregates(comm, std::move(local));

  const gold::FeatureCounts mine = gold::count_features(features);
  std::vector<int64_t> counts{mine.rows, mine.train, mine.test, mine.train_clicks,
                              mine.test_clicks};
  allreduce_sum_inplace(comm, counts);
  const double compute_seconds = clock.seconds() - read_seconds;

  std::vector<gold::GoldTable> aggregates = gold::aggregate_tables(totals);
  // Rank 0 holds every aggregate whole; the others write no rows of them.
  std::vector<int64_t> aggregate_rows;
  for (auto& a : aggregates) {
    aggregate_rows.push_back(static_cast<int64_t>(a.table.rows()));
    if (!ctx.is_root()) a.table = gold::empty_like(a.table);
  }
  broadcast(comm, aggregate_rows);

  h5::LayerFile layer(options.lake, "gold.h5", comm);
  h5::TableMeta meta;
  meta.stage = "gold";
  meta.sources = {kSource};
  meta.stats = {{"rows_in", fact_rows},       {"rows_out", counts[0]},
                {"train_rows", counts[1]},    {"test_rows", counts[2]},
                {"train_clicks", counts[3]},  {"test_clicks", counts[4]}};
  meta.description =
      "SELECT id_md5, split, is_click, <feature_columns> FROM silver.fact_ad_funnel WHERE "
      "has_impression = 1 ORDER BY id_md5; split = 'test' when int(id_md5[24:32], 16) % 10 "
      "in (0, 1), else 'train'; the attribute feature_columns lists the features, "
      "label_column the label; K_hist_impressions, K_hist_ctr for K in user, campaign, app: "
      "the train rows of the other folds (fold = int(id_md5[16:24], 16) % 5; a test row: all "
      "train rows) with the same K_id, n of them and c clicks, ctr = (c + 20 m) / (n + 20) with "
      "m the click rate of that set";
  const double before_write = clock.seconds();
  h5::write_table(layer.file(), "/features", features, meta, comm);
  write_feature_attributes(layer.file());
  const double features_seconds = clock.seconds() - before_write;
  for (size_t i = 0; i < aggregates.size(); ++i) {
    meta.stats = {{"rows_in", fact_rows}, {"rows_out", aggregate_rows[i]}};
    meta.description = aggregates[i].description;
    h5::write_table(layer.file(), aggregates[i].path, aggregates[i].table, meta, comm);
  }
  h5::write_run_attributes(layer.file(), comm);
  const double aggregates_seconds = clock.seconds() - before_write - features_seconds;
  lineage::write_fingerprint(layer.file(), comm, fingerprint);
  layer.publish();

  if (ctx.is_root()) {
    spdlog::info("gold: wrote {} ({} feature rows, {} train / {} test) in {:.2f} s: read {:.2f} s, "
                 "compute {:.2f} s, write /features {:.2f} s, aggregates {:.2f} s",
                 layer.final_path(), counts[0], counts[1], counts[2], clock.seconds(),
                 read_seconds, compute_seconds, features_seconds, aggregates_seconds);
    log_summary(totals.dense);
  }
  StageReport report{"gold"};
  report.rows_in = fact_rows;
  report.rows_out = counts[0];
  record_stage(ctx, report, clock.seconds());
}

}  // namespace adlake
