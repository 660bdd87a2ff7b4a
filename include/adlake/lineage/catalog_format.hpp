#pragma once
// `adlake catalog` output: text for people, JSON for machines.
#include <nlohmann/json.hpp>
#include <string>

#include "adlake/lineage/catalog.hpp"
#include "adlake/lineage/graph.hpp"

namespace adlake::lineage {

std::string catalog_text(const LakeCatalog& catalog, const LineageGraph& graph);
nlohmann::json catalog_json(const LakeCatalog& catalog, const LineageGraph& graph);

}  // namespace adlake::lineage
