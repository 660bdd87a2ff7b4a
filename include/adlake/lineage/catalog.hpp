#pragma once
// What a lake holds (`adlake catalog`): every table of every layer
// with its rows, typed columns and provenance attributes (CONTRACT 5), read
// by one process with serial HDF5.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adlake/h5/table_io.hpp"
#include "adlake/lineage/fingerprint.hpp"
#include "adlake/lineage/layer_bytes.hpp"

namespace adlake::lineage {

struct ColumnInfo {
  std::string name;
  std::string type;   // dtype.hpp
  std::string units;  // empty when none
};

struct TableInfo {
  std::string layer;  // "silver.h5"
  std::string path;   // "/fact_ad_funnel"
  int64_t rows = 0;
  std::vector<ColumnInfo> columns;
  h5::TableMeta meta;
  std::string adlake_version;
  int64_t rejects = 0;     // summed over the `rejects` entries of `stats`
  int64_t duplicates = 0;  // summed over the `duplicates` entries of `stats`

  std::string id() const { return layer + ":" + path; }
};

struct LayerInfo {
  std::string name;  // "silver.h5"
  std::string path;
  std::string adlake_version;
  std::string created_at;
  nlohmann::json run = nlohmann::json::object();  // ranks, host, job id
  std::optional<Fingerprint> fingerprint;
  std::vector<TableInfo> tables;
};

struct LakeCatalog {
  std::string lake;
  std::vector<LayerInfo> layers;         // in pipeline order, then other *.h5 by name
  std::vector<std::string> missing;      // pipeline layers not (yet) in the lake
  std::vector<std::string> other_files;  // e.g. metrics.json
  LakeBytes bytes;                       // each pipeline layer's bytes and the CSV it holds
};

// The pipeline's layer files, in order.
const std::vector<std::string>& pipeline_layers();

// One process. Throws UsageError when `lake` is not a folder, IoError when a
// layer cannot be read.
LakeCatalog read_catalog(const std::string& lake);

// Sums of `rejects` and `duplicates` in a table's stats (bronze per file,
// silver per source entity: CONTRACT 5).
int64_t count_in_stats(const nlohmann::json& stats, const std::string& key);

}  // namespace adlake::lineage
