#pragma once
// From gold /features rows to the forest's raw feature columns: which columns
// are features, which of them are categorical, and the same extraction for
// training, evaluation and scoring.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/forest/binning.hpp"
#include "adlake/gold/features.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake::model {

// Gold's table and the columns that are not features (gold/features.hpp).
inline constexpr const char* kFeaturesTable = "/features";
using gold::kIdColumn;
using gold::kLabelColumn;
using gold::kSplitColumn;

// Integer columns that are categories, not quantities: a day's hours and a
// week's days have no order a click rate follows (the rate cycles), and the
// flags are two-valued. Enum columns are always categorical.
const std::vector<std::string>& default_categorical_integers();

struct FeatureSpec {
  std::string name;
  forest::FeatureKind kind;
};

// Collective: the names in /features' attribute feature_columns (gold
// writes it), read on rank 0; a missing or malformed list is a DataError.
std::vector<std::string> read_feature_columns(const Comm& comm, const std::string& gold_path);

// The columns `columns` (feature_columns) of the table, in that order: enums
// and the named integer columns categorical, other numbers numeric. Throws
// DataError on a string column, a column that is missing, the id, the label
// or the split, or a missing label/split.
std::vector<FeatureSpec> feature_specs(const Table& features,
                                       const std::vector<std::string>& columns,
                                       const std::vector<std::string>& categorical_integers,
                                       const std::string& where);

// The rows `rows` of one column as a raw feature. A categorical integer
// column's categories are its values as decimal text ("0".."23"), so they
// match by name between tables.
forest::RawFeature extract_feature(const Table& table, const FeatureSpec& spec,
                                   std::span<const uint32_t> rows);

// The given rows binned with a fitted binning (a model's features, by name).
forest::BinnedMatrix bin_rows(const Table& table,
                              const std::vector<forest::FeatureBinning>& binnings,
                              std::span<const uint32_t> rows, const std::string& where);

// All row indices of a table: 0 .. rows-1.
std::vector<uint32_t> all_rows(const Table& table);

// This rank's even share of LAKE/gold.h5 /features (collective; agreed
// errors when the file or table is missing, or when the share would not fit
// in the memory bound per rank: checked before a row is read).
Table read_features_share(const Context& ctx, const std::string& gold_path,
                          const std::string& stage);

// Rows of the table whose split is `label` ("train" or "test").
std::vector<uint32_t> rows_of_split(const Table& table, const std::string& label);

}  // namespace adlake::model
