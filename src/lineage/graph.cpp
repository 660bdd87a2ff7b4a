#include "adlake/lineage/graph.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <set>

namespace adlake::lineage {

namespace {

bool is_table_ref(const std::string& source) {
  return source.find(".h5:/") != std::string::npos;
}

// Bronze names its raw input "raw:<entity>/*.csv" (or "raw:" for the folder).
std::string raw_label(const std::string& source) {
  if (source.rfind("raw:", 0) != 0) return source;
  return source.size() > 4 ? source.substr(4) : std::string("(input folder)");
}

std::string dot_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return out + "\"";
}

}  // namespace

std::vector<std::string> LineageGraph::children(const std::string& id) const {
  std::vector<std::string> out;
  for (const auto& [from, to] : edges) {
    if (from == id) out.push_back(to);
  }
  return out;
}

std::vector<std::string> LineageGraph::parents(const std::string& id) const {
  std::vector<std::string> out;
  for (const auto& [from, to] : edges) {
    if (to == id) out.push_back(from);
  }
  return out;
}

LineageGraph build_lineage(const LakeCatalog& catalog) {
  LineageGraph graph;
  std::set<std::string> tables;
  for (const auto& layer : catalog.layers) {
    for (const auto& t : layer.tables) tables.insert(t.id());
  }
  std::vector<LineageNode> raw_nodes;
  std::set<std::string> raw_seen;
  std::set<std::string> missing_seen;
  std::vector<LineageNode> missing_nodes;
  std::set<std::pair<std::string, std::string>> seen_edges;
  std::vector<LineageNode> table_nodes;
  for (const auto& layer : catalog.layers) {
    for (const auto& t : layer.tables) {
      table_nodes.push_back({t.id(), layer.name, fmt::format("{} ({} rows)", t.path, t.rows)});
      for (const auto& source : t.meta.sources) {
        if (is_table_ref(source)) {
          if (!tables.count(source) && missing_seen.insert(source).second) {
            const auto colon = source.find(":/");
            missing_nodes.push_back(
                {source, source.substr(0, colon), source.substr(colon + 1) + " (missing)", true});
          }
        } else if (raw_seen.insert(source).second) {
          raw_nodes.push_back({source, "raw", raw_label(source)});
        }
        if (seen_edges.insert({source, t.id()}).second) graph.edges.emplace_back(source, t.id());
      }
    }
  }
  graph.nodes = raw_nodes;
  graph.nodes.insert(graph.nodes.end(), missing_nodes.begin(), missing_nodes.end());
  graph.nodes.insert(graph.nodes.end(), table_nodes.begin(), table_nodes.end());
  return graph;
}

std::string lineage_text(const LineageGraph& graph) {
  size_t width = 0;
  for (const auto& n : graph.nodes) width = std::max(width, n.group.size() + 1 + n.label.size());
  std::string out;
  for (const auto& n : graph.nodes) {
    const auto from = graph.parents(n.id);
    std::string line = n.group + " " + n.label;
    if (!from.empty()) {
      line = fmt::format("{:<{}}  <- ", line, width);
      for (size_t i = 0; i < from.size(); ++i) line += (i ? ", " : "") + from[i];
    }
    out += line + "\n";
  }
  return out;
}

std::string lineage_dot(const LineageGraph& graph) {
  std::string out = "digraph lineage {\n  rankdir=LR;\n  node [shape=box, fontsize=10];\n";
  std::vector<std::string> groups;
  for (const auto& n : graph.nodes) {
    if (std::find(groups.begin(), groups.end(), n.group) == groups.end()) groups.push_back(n.group);
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    out += fmt::format("  subgraph cluster_{} {{\n    label={};\n", g, dot_quoted(groups[g]));
    for (const auto& n : graph.nodes) {
      if (n.group != groups[g]) continue;
      out += fmt::format("    {} [label={}{}];\n", dot_quoted(n.id), dot_quoted(n.label),
                         n.missing ? ", style=dashed" : "");
    }
    out += "  }\n";
  }
  for (const auto& [from, to] : graph.edges)
    out += fmt::format("  {} -> {};\n", dot_quoted(from), dot_quoted(to));
  return out + "}\n";
}

nlohmann::json lineage_json(const LineageGraph& graph) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& n : graph.nodes) {
    nodes.push_back({{"id", n.id}, {"group", n.group}, {"label", n.label}, {"missing", n.missing}});
  }
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& [from, to] : graph.edges) edges.push_back({{"from", from}, {"to", to}});
  return {{"nodes", nodes}, {"edges", edges}};
}

}  // namespace adlake::lineage
