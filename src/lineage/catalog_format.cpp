#include "adlake/lineage/catalog_format.hpp"

#include <spdlog/fmt/fmt.h>

namespace adlake::lineage {

namespace {

// "a, b, c" after `label`, wrapped at ~100 characters under the first item.
std::string wrapped(const std::vector<std::string>& items, const std::string& label) {
  const std::string indent(label.size(), ' ');
  std::string out = label;
  size_t line = label.size();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string piece = items[i] + (i + 1 < items.size() ? ", " : "");
    if (line + piece.size() > 100 && line > indent.size()) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += "\n" + indent;
      line = indent.size();
    }
    out += piece;
    line += piece.size();
  }
  return out + "\n";
}

std::string column_text(const ColumnInfo& c) {
  std::string type = c.type;
  if (type.size() > 48) type = type.substr(0, 45) + "...}";
  return c.name + " " + type + (c.units.empty() ? "" : " [" + c.units + "]");
}

std::string run_text(const nlohmann::json& run) {
  std::vector<std::string> parts;
  if (run.contains("ranks")) parts.push_back(fmt::format("{} rank(s)", run["ranks"].dump()));
  if (run.contains("host")) parts.push_back("on " + run["host"].get<std::string>());
  if (run.contains("slurm_job_id"))
    parts.push_back("slurm job " + run["slurm_job_id"].get<std::string>());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

std::string table_text(const TableInfo& t) {
  std::string out = fmt::format("  {}  {} rows, stage {}, adlake {}, created {}", t.path, t.rows,
                                t.meta.stage, t.adlake_version, t.meta.created_at);
  if (t.rejects) out += fmt::format(", rejects {}", t.rejects);
  if (t.duplicates) out += fmt::format(", duplicates {}", t.duplicates);
  out += "\n";
  if (!t.meta.description.empty()) out += "    " + t.meta.description + "\n";
  std::vector<std::string> sources = t.meta.sources;
  if (sources.size() > 8) {
    const size_t more = sources.size() - 6;
    sources.resize(6);
    sources.push_back(fmt::format("... ({} more)", more));
  }
  if (!sources.empty()) out += wrapped(sources, "    sources: ");
  if (!t.meta.params.empty()) out += "    params:  " + t.meta.params.dump() + "\n";
  std::vector<std::string> columns;
  for (const auto& c : t.columns) columns.push_back(column_text(c));
  out += wrapped(columns, "    columns: ");
  return out;
}

const LayerBytes* bytes_of(const LakeCatalog& catalog, const std::string& layer) {
  for (const auto& b : catalog.bytes.layers) {
    if (b.name == layer) return &b;
  }
  return nullptr;
}

std::string times(int64_t bytes, const std::optional<int64_t>& csv) {
  if (!csv || *csv == 0) return "";
  return fmt::format(" ({:.2f}x)", static_cast<double>(bytes) / static_cast<double>(*csv));
}

// "; 569.0 MB on disk for 196.1 MB of CSV (2.90x), read from bronze.h5 (569.0 MB)"
std::string bytes_text(const LayerBytes& b) {
  std::string out = "; " + format_bytes(b.bytes) + " on disk";
  out += b.csv_bytes
             ? " for " + format_bytes(*b.csv_bytes) + " of CSV" + times(b.bytes, b.csv_bytes)
             : ", CSV bytes unknown (no fingerprint chain to bronze.h5)";
  if (!b.upstream.empty()) {
    out += ", read from " + b.upstream +
           (b.upstream_bytes ? " (" + format_bytes(*b.upstream_bytes) + ")" : " (since replaced)");
  }
  return out;
}

nlohmann::json optional_json(const std::optional<int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

}  // namespace

std::string catalog_text(const LakeCatalog& catalog, const LineageGraph& graph) {
  std::string out = "lake " + catalog.lake + "\n";
  for (const auto& layer : catalog.layers) {
    out += fmt::format("\n{}  adlake {}, created {}", layer.name, layer.adlake_version,
                       layer.created_at);
    const std::string run = run_text(layer.run);
    if (!run.empty()) out += ", " + run;
    out += layer.fingerprint ? ", fingerprint " + layer.fingerprint->hash : ", no fingerprint";
    out += fmt::format(", {} table(s)", layer.tables.size());
    if (const LayerBytes* b = bytes_of(catalog, layer.name)) out += bytes_text(*b);
    out += "\n";
    for (const auto& t : layer.tables) out += table_text(t);
  }
  if (!catalog.bytes.layers.empty()) {
    out += "\nlake: " + format_bytes(catalog.bytes.bytes) + " in " +
           std::to_string(catalog.bytes.layers.size()) + " layer file(s)";
    out += catalog.bytes.csv_bytes ? " for " + format_bytes(*catalog.bytes.csv_bytes) + " of CSV" +
                                         times(catalog.bytes.bytes, catalog.bytes.csv_bytes)
                                   : "";
    out += "\n";
  }
  if (!catalog.missing.empty()) {
    out += "\nnot in the lake yet:";
    for (const auto& m : catalog.missing) out += " " + m;
    out += "\n";
  }
  if (!catalog.other_files.empty()) {
    out += "\nother files:";
    for (const auto& f : catalog.other_files) out += " " + f;
    out += "\n";
  }
  out += "\nlineage (raw files -> model; each table <- what it was made from):\n" +
         lineage_text(graph);
  return out;
}

nlohmann::json catalog_json(const LakeCatalog& catalog, const LineageGraph& graph) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& layer : catalog.layers) {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : layer.tables) {
      nlohmann::json columns = nlohmann::json::array();
      for (const auto& c : t.columns) {
        nlohmann::json col = {{"name", c.name}, {"type", c.type}};
        if (!c.units.empty()) col["units"] = c.units;
        columns.push_back(std::move(col));
      }
      tables.push_back({{"path", t.path},
                        {"rows", t.rows},
                        {"columns", columns},
                        {"stage", t.meta.stage},
                        {"sources", t.meta.sources},
                        {"params", t.meta.params},
                        {"stats", t.meta.stats},
                        {"description", t.meta.description},
                        {"created_at", t.meta.created_at},
                        {"adlake_version", t.adlake_version},
                        {"rejects", t.rejects},
                        {"duplicates", t.duplicates}});
    }
    nlohmann::json entry = {{"file", layer.name},
                            {"path", layer.path},
                            {"adlake_version", layer.adlake_version},
                            {"created_at", layer.created_at},
                            {"run", layer.run},
                            {"tables", tables}};
    entry["fingerprint"] =
        layer.fingerprint ? nlohmann::json(layer.fingerprint->hash) : nlohmann::json();
    if (const LayerBytes* b = bytes_of(catalog, layer.name)) {
      entry["bytes"] = b->bytes;
      entry["csv_bytes"] = optional_json(b->csv_bytes);
      entry["upstream"] = b->upstream.empty() ? nlohmann::json() : nlohmann::json(b->upstream);
      entry["upstream_bytes"] = optional_json(b->upstream_bytes);
    }
    if (layer.fingerprint) entry["fingerprint_recipe"] = layer.fingerprint->recipe;
    layers.push_back(std::move(entry));
  }
  return {
      {"lake", catalog.lake},
      {"layers", layers},
      {"missing", catalog.missing},
      {"other_files", catalog.other_files},
      {"bytes", {{"lake", catalog.bytes.bytes}, {"csv", optional_json(catalog.bytes.csv_bytes)}}},
      {"lineage", lineage_json(graph)}};
}

}  // namespace adlake::lineage
