#include "adlake/model/features.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <type_traits>

#include "adlake/core/error.hpp"
#include "adlake/core/log.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/handle.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/memory_budget.hpp"

namespace adlake::model {

const std::vector<std::string>& default_categorical_integers() {
  static const std::vector<std::string> names{"hour_of_day", "day_of_week", "is_affinity_match",
                                              "is_contextual_match"};
  return names;
}

std::vector<std::string> read_feature_columns(const Comm& comm, const std::string& gold_path) {
  std::string text;
  collective_try(comm, [&] {
    if (!comm.is_root()) return;
    const h5::File file = h5::File::open_read(gold_path);
    const h5::Handle group = h5::open_table_group(file, kFeaturesTable);
    const auto attribute = h5::read_string_attribute_if(group.id(), "feature_columns");
    if (!attribute) {
      throw DataError(gold_path + ":" + kFeaturesTable +
                      " has no attribute feature_columns; run `adlake gold` again");
    }
    text = *attribute;
  });
  broadcast(comm, text);
  const auto json = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> names;
  collective_try(comm, [&] {
    if (!json.is_array() || json.empty()) {
      throw DataError(gold_path + ":" + kFeaturesTable +
                      " attribute feature_columns is not a list of column names: " + text);
    }
    for (const auto& name : json) {
      if (!name.is_string()) throw DataError(gold_path + ": feature_columns holds " + name.dump());
      names.push_back(name.get<std::string>());
    }
  });
  return names;
}

std::vector<FeatureSpec> feature_specs(const Table& features,
                                       const std::vector<std::string>& columns,
                                       const std::vector<std::string>& categorical_integers,
                                       const std::string& where) {
  for (const std::string_view needed : {kLabelColumn, kSplitColumn}) {
    if (!features.has(needed)) throw DataError(where + " has no column " + std::string(needed));
  }
  // Every row is in a known split (the reader checked each code is a member):
  // a row of another split would silently be neither trained nor tested on.
  for (const std::string& label : features.enums(kSplitColumn).labels) {
    if (!label.empty() && label != "train" && label != "test") {
      throw DataError(where + ", column " + std::string(kSplitColumn) +
                      ": expected the enum members train and test (CONTRACT 3.1), found '" +
                      log_safe(label) + "'");
    }
  }
  std::vector<FeatureSpec> specs;
  for (const std::string& name : columns) {
    if (name == kIdColumn || name == kLabelColumn || name == kSplitColumn) {
      throw DataError(where + ": feature_columns lists " + name + ", which is not a feature");
    }
    if (!features.has(name)) {
      throw DataError(where + ": feature_columns lists " + name + ", which is not a column");
    }
    const Column& c = features.column(name);
    if (std::holds_alternative<StringColumn>(c.data)) {
      throw DataError(where + " column " + c.name +
                      " holds strings; features must be numbers or enums");
    }
    const bool is_enum = std::holds_alternative<EnumColumn>(c.data);
    const bool listed = std::find(categorical_integers.begin(), categorical_integers.end(),
                                  c.name) != categorical_integers.end();
    const bool is_integer = !is_enum && !std::holds_alternative<std::vector<double>>(c.data);
    if (listed && !is_integer) {
      throw DataError(where + " column " + c.name +
                      " is listed as a categorical integer but is not one");
    }
    specs.push_back({c.name, is_enum || listed ? forest::FeatureKind::Categorical
                                               : forest::FeatureKind::Numeric});
  }
  if (specs.empty()) throw DataError(where + " has no feature columns");
  return specs;
}

forest::RawFeature extract_feature(const Table& table, const FeatureSpec& spec,
                                   std::span<const uint32_t> rows) {
  forest::RawFeature f;
  f.name = spec.name;
  f.kind = spec.kind;
  const Column& column = table.column(spec.name);
  std::visit(
      [&](const auto& values) {
        using V = std::decay_t<decltype(values)>;
        if constexpr (std::is_same_v<V, StringColumn>) {
          throw DataError("column " + spec.name + " holds strings");
        } else if constexpr (std::is_same_v<V, EnumColumn>) {
          f.categories = values.labels;
          f.codes.reserve(rows.size());
          for (uint32_t r : rows) f.codes.push_back(values.codes[r]);
        } else if (spec.kind == forest::FeatureKind::Numeric) {
          f.values.reserve(rows.size());
          for (uint32_t r : rows) f.values.push_back(static_cast<double>(values[r]));
        } else {
          // Categories are the distinct values, ascending, named by their text.
          std::map<typename V::value_type, uint8_t> code_of;
          for (uint32_t r : rows) code_of.emplace(values[r], 0);
          if (code_of.size() > 255) {
            throw DataError("categorical column " + spec.name + " has " +
                            std::to_string(code_of.size()) + " distinct values; at most 255");
          }
          uint8_t next = 0;
          for (auto& [value, code] : code_of) {
            code = next++;
            f.categories.push_back(std::to_string(value));
          }
          f.codes.reserve(rows.size());
          for (uint32_t r : rows) f.codes.push_back(code_of[values[r]]);
        }
      },
      column.data);
  return f;
}

forest::BinnedMatrix bin_rows(const Table& table,
                              const std::vector<forest::FeatureBinning>& binnings,
                              std::span<const uint32_t> rows, const std::string& where) {
  forest::BinnedMatrix m;
  m.rows = rows.size();
  m.features = binnings.size();
  m.bins.resize(m.rows * m.features);
  for (size_t f = 0; f < binnings.size(); ++f) {
    if (!table.has(binnings[f].name)) {
      throw DataError(where + " has no column " + binnings[f].name + ", a feature of the model");
    }
    const FeatureSpec spec{binnings[f].name, binnings[f].kind};
    forest::bin_column(extract_feature(table, spec, rows), binnings[f], f, m);
  }
  return m;
}

std::vector<uint32_t> all_rows(const Table& table) {
  std::vector<uint32_t> rows(table.rows());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(i);
  return rows;
}

Table read_features_share(const Context& ctx, const std::string& gold_path,
                          const std::string& stage) {
  const Comm& comm = ctx.comm;
  std::optional<h5::File> file;
  file.emplace(h5::File::open_layer(gold_path, comm, "run `adlake gold` first"));
  int64_t total = 0;
  collective_try(comm, [&] {
    if (!h5::table_exists(*file, kFeaturesTable)) {
      throw DataError(gold_path + " has no table " + kFeaturesTable);
    }
    total = h5::table_rows(*file, kFeaturesTable);
  });
  const auto [begin, count] = h5::even_share(total, comm.rank(), comm.size());
  const std::uint64_t need =
      collective_try(comm, [&] { return h5::read_memory_bytes(*file, kFeaturesTable, count); });
  check_memory(ctx, need, stage + ": reading " + gold_path + ":" + kFeaturesTable,
               "this rank's share: " + std::to_string(count) + " rows");
  Table table =
      collective_try(comm, [&] { return h5::read_table(*file, kFeaturesTable, begin, count); });
  file->close();
  return table;
}

std::vector<uint32_t> rows_of_split(const Table& table, const std::string& label) {
  const EnumColumn& split = table.enums(kSplitColumn);
  const auto it = std::find(split.labels.begin(), split.labels.end(), label);
  std::vector<uint32_t> rows;
  if (it == split.labels.end()) return rows;
  const auto code = static_cast<uint8_t>(it - split.labels.begin());
  for (size_t i = 0; i < split.codes.size(); ++i) {
    if (split.codes[i] == code) rows.push_back(static_cast<uint32_t>(i));
  }
  return rows;
}

}  // namespace adlake::model
