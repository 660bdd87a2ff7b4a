#include "adlake/lineage/catalog.hpp"

#include <algorithm>
#include <filesystem>

#include "adlake/core/error.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/handle.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/lineage/dtype.hpp"

namespace adlake::lineage {
namespace fs = std::filesystem;

namespace {

int64_t sum_numbers(const nlohmann::json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  int64_t sum = 0;
  if (value.is_object() || value.is_array()) {
    for (const auto& item : value) sum += sum_numbers(item);
  }
  return sum;
}

std::vector<ColumnInfo> read_columns(const h5::File& file, const std::string& path) {
  std::vector<ColumnInfo> out;
  for (const auto& name : h5::table_columns(file, path)) {
    const h5::Handle dataset = h5::open_column(file, path, name);
    h5::Handle type(H5Dget_type(dataset.id()), "get type of " + path + "/" + name);
    out.push_back({name, describe_type(type.id()),
                   h5::read_string_attribute_if(dataset.id(), "units").value_or("")});
  }
  return out;
}

TableInfo read_table_info(const h5::File& file, const std::string& layer, const std::string& path) {
  TableInfo t;
  t.layer = layer;
  t.path = path;
  t.rows = h5::table_rows(file, path);
  t.columns = read_columns(file, path);
  t.meta = h5::read_table_meta(file, path);
  const h5::Handle group = h5::open_table_group(file, path);
  t.adlake_version = h5::read_string_attribute_if(group.id(), "adlake_version").value_or("");
  t.rejects = count_in_stats(t.meta.stats, "rejects");
  t.duplicates = count_in_stats(t.meta.stats, "duplicates");
  return t;
}

LayerInfo read_layer(const fs::path& path) {
  LayerInfo layer;
  layer.name = path.filename().string();
  layer.path = path.string();
  const h5::File file = h5::File::open_read(layer.path);
  layer.adlake_version = h5::read_string_attribute_if(file.id(), "adlake_version").value_or("");
  layer.created_at = h5::read_string_attribute_if(file.id(), "created_at").value_or("");
  if (auto run = h5::read_string_attribute_if(file.id(), "run")) {
    layer.run = nlohmann::json::parse(*run, nullptr, false);
  }
  layer.fingerprint = read_fingerprint(layer.path);
  for (const auto& table : h5::list_tables(file)) {
    layer.tables.push_back(read_table_info(file, layer.name, table));
  }
  return layer;
}

}  // namespace

const std::vector<std::string>& pipeline_layers() {
  static const std::vector<std::string> layers = {"bronze.h5", "silver.h5", "gold.h5", "model.h5"};
  return layers;
}

int64_t count_in_stats(const nlohmann::json& stats, const std::string& key) {
  if (!stats.is_object() && !stats.is_array()) return 0;
  int64_t sum = 0;
  if (stats.is_object()) {
    for (const auto& [k, v] : stats.items()) {
      sum += k == key ? sum_numbers(v) : count_in_stats(v, key);
    }
  } else {
    for (const auto& v : stats) sum += count_in_stats(v, key);
  }
  return sum;
}

LakeCatalog read_catalog(const std::string& lake) {
  std::error_code ec;
  if (!fs::is_directory(lake, ec)) throw UsageError("--lake " + lake + ": not a folder");
  LakeCatalog catalog;
  catalog.lake = lake;
  const auto& known = pipeline_layers();
  for (const auto& name : known) {
    const fs::path path = fs::path(lake) / name;
    if (fs::exists(path, ec)) {
      catalog.layers.push_back(read_layer(path));
    } else {
      catalog.missing.push_back(name);
    }
  }
  std::vector<fs::path> others;
  for (const auto& entry : fs::directory_iterator(lake)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.empty() || name[0] == '.') continue;
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    if (entry.path().extension() == ".h5") {
      others.push_back(entry.path());
    } else {
      catalog.other_files.push_back(name);
    }
  }
  std::sort(others.begin(), others.end());
  for (const auto& path : others) catalog.layers.push_back(read_layer(path));
  std::sort(catalog.other_files.begin(), catalog.other_files.end());
  catalog.bytes = lake_bytes(lake);
  return catalog;
}

}  // namespace adlake::lineage
