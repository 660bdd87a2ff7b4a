#pragma once
// What gold.h5 holds (CONTRACT 3): /features for the model and the six
// aggregate tables, built from every rank's fact share and written into the
// layer the stage (stages/gold.hpp) opens and publishes.
#include <cstdint>
#include <vector>

#include "adlake/gold/aggregate.hpp"
#include "adlake/gold/aggregate_tables.hpp"
#include "adlake/gold/fact_share.hpp"
#include "adlake/gold/features.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::gold {

struct GoldLayer {
  std::int64_t fact_rows = 0;  // rows_in of every table
  Table features;              // this rank's /features rows
  FeatureCounts counts;        // summed over every rank
  // Rank 0 holds each aggregate whole; the others hold the same columns with
  // no rows.
  std::vector<GoldTable> aggregates;
  std::vector<std::int64_t> aggregate_rows;  // each aggregate's rows, on every rank
  DenseTotals dense;                         // the funnel totals, for the log
};

// Collective: the features (history included) and the exact aggregates of
// every rank's share. The share's fact rows are released on the way.
GoldLayer build_gold(const Comm& comm, FactShare share);

// Collective: /features with the attributes that point the trainer to its
// columns (feature_columns, label_column, split_column, id_column).
void write_features(h5::File& file, const Comm& comm, const GoldLayer& layer);

// Collective: the six aggregate tables.
void write_aggregates(h5::File& file, const Comm& comm, const GoldLayer& layer);

// Rank 0's summary lines: the funnel and the affinity lift.
void log_summary(const DenseTotals& totals);

}  // namespace adlake::gold
