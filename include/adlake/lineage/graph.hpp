#pragma once
// The lineage of a lake as a graph: raw input folders -> bronze
// tables -> silver -> gold -> model, from the `sources` attribute of every
// table. Sources that name no table (bronze's "raw:requests/*.csv") are raw
// input nodes.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adlake/lineage/catalog.hpp"

namespace adlake::lineage {

struct LineageNode {
  std::string id;        // "silver.h5:/fact_ad_funnel" or "raw:requests/*.csv"
  std::string group;     // "raw", "bronze.h5", ...
  std::string label;     // "/fact_ad_funnel (100000 rows)", "requests/*.csv"
  bool missing = false;  // named as a source but not in the lake
};

struct LineageGraph {
  std::vector<LineageNode> nodes;                          // raw first, then tables in layer order
  std::vector<std::pair<std::string, std::string>> edges;  // source id -> table id

  std::vector<std::string> children(const std::string& id) const;
  std::vector<std::string> parents(const std::string& id) const;
};

LineageGraph build_lineage(const LakeCatalog& catalog);

// Text: one line per node with the nodes made from it.
std::string lineage_text(const LineageGraph& graph);
// Graphviz, one cluster per layer.
std::string lineage_dot(const LineageGraph& graph);
nlohmann::json lineage_json(const LineageGraph& graph);

}  // namespace adlake::lineage
