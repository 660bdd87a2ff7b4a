#include "adlake/gold/layer.hpp"

#include <spdlog/spdlog.h>

#include "adlake/gold/aggregate_combine.hpp"
#include "adlake/gold/history_features.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::gold {
namespace {

constexpr const char* kSource = "silver.h5:/fact_ad_funnel";

constexpr const char* kFeaturesDescription =
    "SELECT id_md5, split, is_click, <feature_columns> FROM silver.fact_ad_funnel WHERE "
    "has_impression = 1 ORDER BY id_md5; split = 'test' when int(id_md5[24:32], 16) % 10 "
    "in (0, 1), else 'train'; the attribute feature_columns lists the features, "
    "label_column the label; K_hist_impressions, K_hist_ctr for K in user, campaign, app: "
    "the train rows of the other folds (fold = int(id_md5[16:24], 16) % 5; a test row: all "
    "train rows) with the same K_id, n of them and c clicks, ctr = (c + 20 m) / (n + 20) with "
    "m the click rate of that set";

FeatureCounts sum_counts(const Comm& comm, const FeatureCounts& mine) {
  std::vector<std::int64_t> counts{mine.rows, mine.train, mine.test, mine.train_clicks,
                                   mine.test_clicks};
  allreduce_sum_inplace(comm, counts);
  return {counts[0], counts[1], counts[2], counts[3], counts[4]};
}

void write_feature_attributes(h5::File& file) {
  h5::Handle group(H5Gopen2(file.id(), "/features", H5P_DEFAULT), "open /features");
  h5::write_attribute(group.id(), "feature_columns", nlohmann::json(feature_columns()).dump());
  h5::write_attribute(group.id(), "label_column", std::string(kLabelColumn));
  h5::write_attribute(group.id(), "split_column", std::string(kSplitColumn));
  h5::write_attribute(group.id(), "id_column", std::string(kIdColumn));
}

std::string percent(double x) {
  return fmt::format("{:.3f}%", 100.0 * x);
}

}  // namespace

GoldLayer build_gold(const Comm& comm, FactShare share) {
  GoldLayer layer;
  layer.fact_rows = share.total_rows;
  layer.features = build_features(share.rows);
  add_history_features(comm, share.rows, layer.features);
  LocalAggregates local = aggregate_rows(share.rows);
  share.rows = FactRows{};  // the fact columns are no longer needed
  const AggregateTotals totals = combine_aggregates(comm, std::move(local));
  layer.dense = totals.dense;
  layer.counts = sum_counts(comm, count_features(layer.features));

  layer.aggregates =
      collective_try(comm, [&] { return aggregate_tables(totals, share.advertisers); });
  for (auto& a : layer.aggregates) {
    layer.aggregate_rows.push_back(static_cast<std::int64_t>(a.table.rows()));
    if (!comm.is_root()) a.table = empty_like(a.table);
  }
  broadcast(comm, layer.aggregate_rows);
  return layer;
}

void write_features(h5::File& file, const Comm& comm, const GoldLayer& layer) {
  const FeatureCounts& c = layer.counts;
  h5::TableMeta meta;
  meta.stage = "gold";
  meta.sources = {kSource};
  meta.stats = {{"rows_in", layer.fact_rows},     {"rows_out", c.rows},
                {"train_rows", c.train},          {"test_rows", c.test},
                {"train_clicks", c.train_clicks}, {"test_clicks", c.test_clicks}};
  meta.description = kFeaturesDescription;
  h5::write_table(file, "/features", layer.features, meta, comm);
  write_feature_attributes(file);
}

void write_aggregates(h5::File& file, const Comm& comm, const GoldLayer& layer) {
  h5::TableMeta meta;
  meta.stage = "gold";
  for (std::size_t i = 0; i < layer.aggregates.size(); ++i) {
    const GoldTable& a = layer.aggregates[i];
    meta.stats = {{"rows_in", layer.fact_rows}, {"rows_out", layer.aggregate_rows[i]}};
    meta.description = a.description;
    meta.sources = a.sources;
    h5::write_table(file, a.path, a.table, meta, comm);
  }
}

void log_summary(const DenseTotals& d) {
  const auto& f = d.funnel;
  spdlog::info(
      "gold funnel: {} requests -> {} impressions (fill rate {}) -> {} clicks (CTR {}) -> {} "
      "installs (CVR {}); revenue {:.2f} USD",
      f.requests, f.impressions, percent(ratio(f.impressions, f.requests)), f.clicks,
      percent(ratio(f.clicks, f.impressions)), f.installs, percent(ratio(f.installs, f.clicks)),
      static_cast<double>(f.revenue_micros) / 1e6);
  const auto& with = d.by_affinity[1];
  const auto& without = d.by_affinity[0];
  const double ctr_with = ratio(with.clicks, with.impressions);
  const double ctr_without = ratio(without.clicks, without.impressions);
  spdlog::info(
      "gold affinity lift: CTR {} with interest = category ({} impressions) vs {} without ({} "
      "impressions): lift {}",
      percent(ctr_with), with.impressions, percent(ctr_without), without.impressions,
      ctr_without > 0 ? fmt::format("{:.2f}x", ctr_with / ctr_without) : std::string("n/a"));
}

}  // namespace adlake::gold
