#include "adlake/model/training_data.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/forest/distributed_binning.hpp"
#include "adlake/forest/forest.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/memory_budget.hpp"

namespace adlake::model {

namespace {

// Bytes of this rank while training: per training row, the binned columns
// and label, one raw column while binning (8 bytes), and per tree growing at
// once its in-bag rows (4-byte index and 1-byte tag; at most all rows), plus
// a partition buffer per thread; and a level's histograms, bounded whatever
// the rows (forest::kHistogramBytes).
uint64_t training_bytes(uint64_t rows, size_t features, int threads) {
  return rows * (features + 1 + 8 + 5 * (forest::kTreesAtOnce + static_cast<uint64_t>(threads))) +
         forest::kHistogramBytes;
}

std::vector<uint8_t> labels_of(const Table& local, const std::vector<uint32_t>& rows) {
  std::vector<uint8_t> labels;
  labels.reserve(rows.size());
  const auto& all = local.values<uint8_t>(kLabelColumn);
  for (uint32_t r : rows) labels.push_back(all[r]);
  return labels;
}

}  // namespace

TrainingData bin_training(const Context& ctx, const Table& local,
                          const std::vector<FeatureSpec>& specs, const std::string& where) {
  const std::vector<uint32_t> mine = rows_of_split(local, "train");
  const auto rows = allreduce_sum<uint64_t>(ctx.comm, mine.size());
  const auto first = exclusive_scan_sum<uint64_t>(ctx.comm, mine.size());
  // The share of gold's features stays loaded while binning.
  check_memory(
      ctx, h5::table_memory_bytes(local) + training_bytes(mine.size(), specs.size(), ctx.threads),
      "train: binning and growing on its share of the train split",
      std::to_string(mine.size()) + " rows x " + std::to_string(specs.size()) + " features, " +
          std::to_string(forest::kTreesAtOnce) + " trees at once");
  collective_try(ctx.comm, [&] {
    if (rows == 0) throw DataError(where + ": the train split has no rows");
  });
  TrainingData d;
  std::vector<std::vector<uint8_t>> columns;
  for (const FeatureSpec& spec : specs) {
    const forest::RawFeature raw =
        collective_try(ctx.comm, [&] { return extract_feature(local, spec, mine); });
    d.binnings.push_back(forest::fit_binning(ctx.comm, raw));
    forest::BinnedMatrix column;  // one feature: its bins are the column
    column.rows = mine.size();
    column.features = 1;
    column.bins.resize(mine.size());
    collective_try(ctx.comm, [&] { forest::bin_column(raw, d.binnings.back(), 0, column); });
    columns.push_back(std::move(column.bins));
  }
  std::vector<uint8_t> labels = labels_of(local, mine);
  collective_try(ctx.comm, [&] {
    for (uint8_t y : labels) {
      if (y > 1) throw DataError(where + ": is_click holds " + std::to_string(y) + ", not 0 or 1");
    }
    d.set =
        forest::make_training_set(std::move(columns), std::move(labels), d.binnings, first, rows);
  });
  d.positives = allreduce_sum<uint64_t>(
      ctx.comm, std::count(d.set.labels.begin(), d.set.labels.end(), uint8_t{1}));
  return d;
}

TestRows bin_test_rows(const Comm& comm, const Table& local,
                       const std::vector<forest::FeatureBinning>& binnings, bool with_ids,
                       const std::string& where) {
  const std::vector<uint32_t> rows = rows_of_split(local, "test");
  TestRows t;
  t.x = collective_try(comm, [&] { return bin_rows(local, binnings, rows, where); });
  t.labels = labels_of(local, rows);
  if (with_ids) {
    const StringColumn& ids = local.strings(kIdColumn);
    for (uint32_t r : rows) t.ids.emplace_back(ids.at(r));
  }
  return t;
}

}  // namespace adlake::model
