// The run: stage timings with the spread between ranks, the lineage from raw
// files to the model (the `sources` attribute of every table, CONTRACT 5), each
// layer's bytes beside the CSV it holds, and the version, run and options that
// made each layer.
#include <spdlog/fmt/fmt.h>

#include <array>
#include <filesystem>
#include <map>
#include <set>

#include "adlake/h5/attributes.hpp"
#include "adlake/lineage/layer_bytes.hpp"
#include "adlake/report/html.hpp"
#include "adlake/report/sections.hpp"
#include "adlake/report/svg.hpp"

namespace adlake::report {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr std::array<const char*, 4> kLayers = {"bronze.h5", "silver.h5", "gold.h5", "model.h5"};

json root_run(const h5::File& file) {
  const auto text = h5::read_string_attribute_if(file.id(), "run");
  if (!text) return json::object();
  const json parsed = json::parse(*text, nullptr, false);
  return parsed.is_discarded() ? json::object() : parsed;
}

// Stage reports recorded in the layers' `run` attribute (as `stages`, a list
// of {stage, seconds, min_seconds, slowest_rank, fastest_rank, rows_in, ...}),
// or a layer's own `seconds`.
std::vector<json> stage_records(Lake& lake) {
  std::vector<json> out;
  std::set<std::string> seen;
  for (const char* name : kLayers) {
    const h5::File* file = lake.layer(name);
    if (file == nullptr) continue;
    const json run = root_run(*file);
    const json* list = find_key(run, {"stages", "timings", "stage_reports"});
    if (list != nullptr && list->is_array()) {
      for (const auto& r : *list) {
        const json* stage = find_key(r, {"stage", "name"});
        if (stage && stage->is_string() && seen.insert(stage->get<std::string>()).second)
          out.push_back(r);
      }
    } else if (std::isfinite(number_at(run, {"seconds"}))) {
      json r = run;
      r["stage"] = stage_of_layer(name);
      if (seen.insert(r["stage"].get<std::string>()).second) out.push_back(r);
    }
  }
  return out;
}

std::string timings_figure(Lake& lake, const json& job_stages) {
  // The stages run before the report in this job (adlake run) know their
  // timings; a report made on its own looks for timings stored in the layers.
  std::vector<json> records;
  if (job_stages.is_array() && !job_stages.empty()) {
    records.assign(job_stages.begin(), job_stages.end());
  } else {
    records = stage_records(lake);
  }
  if (records.empty()) {
    throw Unavailable(
        "no stage timings: they are shown when the report runs as the last stage of adlake run");
  }
  std::vector<svg::Bar> bars;
  HtmlTable t({"stage", "rows in", "rows out", "rejects", "slowest rank (s)", "fastest rank (s)",
               "imbalance"},
              {1, 2, 3, 4, 5, 6});
  for (const auto& r : records) {
    const std::string stage = find_key(r, {"stage", "name"})->get<std::string>();
    if (const json* note = find_key(r, {"note"});
        note != nullptr && note->is_string() && !note->get<std::string>().empty()) {
      t.rows.push_back({stage, "", "", "", note->get<std::string>(), "", ""});
      continue;
    }
    const double slow = number_at(r, {"seconds", "max_seconds", "slowest_seconds"});
    const double fast = number_at(r, {"min_seconds", "fastest_seconds"});
    const double slow_rank = number_at(r, {"slowest_rank"}),
                 fast_rank = number_at(r, {"fastest_rank"});
    const double imbalance = std::isfinite(fast) && fast > 0 ? slow / fast - 1 : NAN;
    const auto with_rank = [](double s, double rank) {
      return std::isfinite(rank) ? fmt::format("{:.2f} (rank {})", s, static_cast<int>(rank))
                                 : format_fixed(s, 2);
    };
    bars.push_back({stage, slow,
                    std::isfinite(imbalance) ? fmt::format("{:.2f} s, fastest {:.2f} s", slow, fast)
                                             : fmt::format("{:.2f} s", slow)});
    t.rows.push_back({stage, format_number(number_at(r, {"rows_in"})),
                      format_number(number_at(r, {"rows_out"})),
                      format_number(number_at(r, {"rejects"})), with_rank(slow, slow_rank),
                      with_rank(fast, fast_rank),
                      std::isfinite(imbalance) ? format_percent(imbalance, 0) : "n/a"});
  }
  return figure("Stage timings (slowest rank; imbalance = slowest / fastest - 1)",
                bars.empty()
                    ? std::string()
                    : svg::bar_chart(bars, {"Seconds per stage", 520, 18, svg::palette(4)}),
                render_table(t));
}

struct LineageTable {
  std::string layer, path;
  int64_t rows = 0;
  h5::TableMeta meta;
};

std::vector<LineageTable> lake_tables(Lake& lake) {
  std::vector<LineageTable> out;
  for (const char* name : kLayers) {
    const h5::File* file = lake.layer(name);
    if (file == nullptr) continue;
    for (const auto& path : h5::list_tables(*file)) {
      out.push_back({name, path, h5::table_rows(*file, path), h5::read_table_meta(*file, path)});
    }
  }
  return out;
}

// The graph's raw-CSV nodes and every table's incoming edges, from each
// table's `sources`: a raw source is "raw:requests/*.csv" (a pattern) or a
// file path, grouped by its folder, one node per entity either way.
void add_source_edges(const std::vector<LineageTable>& tables, std::vector<svg::GraphNode>& nodes,
                      std::vector<std::pair<std::string, std::string>>& edges) {
  std::map<std::string, std::set<std::string>> raw_files;  // raw folder -> files
  for (const auto& t : tables) {
    for (const auto& source : t.meta.sources) {
      if (source.find(".h5:/") != std::string::npos) {
        edges.emplace_back(source, t.layer + ":" + t.path);
        continue;
      }
      const std::string rest = source.rfind("raw:", 0) == 0 ? source.substr(4) : source;
      const bool pattern = rest.empty() || rest.find('*') != std::string::npos;
      const std::string folder = fs::path(rest).parent_path().generic_string();
      const std::string group = pattern || folder.empty() ? rest : folder + "/";
      const std::string id = "raw:" + group;
      if (!raw_files.count(id)) nodes.push_back({id, "RAW/" + group, 0});
      if (!pattern) raw_files[id].insert(rest);
      raw_files[id];
      edges.emplace_back(id, t.layer + ":" + t.path);
    }
  }
  for (auto& n : nodes) {
    if (!raw_files[n.id].empty()) n.label += fmt::format(" ({} files)", raw_files[n.id].size());
  }
}

std::string lineage_figure(Lake& lake) {
  const auto tables = lake_tables(lake);
  if (tables.empty()) throw Unavailable("no layer file in the lake yet: run adlake bronze");
  std::vector<svg::GraphNode> nodes;
  std::vector<std::pair<std::string, std::string>> edges;
  std::set<std::string> ids;
  const auto column_of = [](const std::string& layer) {
    for (size_t i = 0; i < kLayers.size(); ++i) {
      if (layer == kLayers[i]) return static_cast<int>(i) + 1;
    }
    return 0;
  };
  for (const auto& t : tables) ids.insert(t.layer + ":" + t.path);
  add_source_edges(tables, nodes, edges);
  HtmlTable list({"table", "rows", "stage", "made from", "created at"}, {1});
  // In each column the tables come first, the rejects and other tables under
  // names starting with "_" after them, dimmed.
  std::vector<svg::GraphNode> side_nodes;
  for (const auto& t : tables) {
    const bool side = t.path.find("/_") != std::string::npos;
    (side ? side_nodes : nodes)
        .push_back({t.layer + ":" + t.path, fmt::format("{} ({})", t.path, format_count(t.rows)),
                    column_of(t.layer), side});
    std::string sources;
    for (const auto& s : t.meta.sources) sources += (sources.empty() ? "" : ", ") + s;
    list.rows.push_back(
        {t.layer + ":" + t.path, format_count(t.rows), t.meta.stage, sources, t.meta.created_at});
  }
  nodes.insert(nodes.end(), side_nodes.begin(), side_nodes.end());
  if (fs::exists(fs::path(lake.dir()) / "metrics.json")) {
    nodes.push_back({"metrics.json", "metrics.json", 4});
    if (ids.count("gold.h5:/features")) edges.emplace_back("gold.h5:/features", "metrics.json");
  }
  return figure("Lineage: raw files to the model (each table's `sources` attribute)",
                svg::column_graph(nodes, edges, {"raw CSV", "bronze", "silver", "gold", "model"},
                                  "Lineage graph"),
                "", "") +
         "<details open><summary>Every table, with its rows and sources</summary>" +
         render_table(list) + "</details>\n";
}

// lineage::lake_bytes: what the catalog shows, as a figure.
std::string storage_figure(Lake& lake) {
  const lineage::LakeBytes lake_bytes = lineage::lake_bytes(lake.dir());
  if (lake_bytes.layers.empty())
    throw Unavailable("no layer file in the lake yet: run adlake bronze");
  const auto times = [](int64_t bytes, const std::optional<int64_t>& csv) {
    return csv && *csv > 0
               ? fmt::format("{:.2f}x", static_cast<double>(bytes) / static_cast<double>(*csv))
               : std::string("n/a");
  };
  HtmlTable t(
      {"layer", "on disk (bytes)", "on disk", "CSV it holds (bytes)", "x the CSV", "read from"},
      {1, 3});
  std::vector<svg::Bar> bars;
  std::optional<int64_t> csv;
  for (const auto& b : lake_bytes.layers) {
    if (b.name == "bronze.h5") csv = b.csv_bytes;
    std::string from = b.upstream;
    if (!from.empty()) {
      from += b.upstream_bytes ? " (" + lineage::format_bytes(*b.upstream_bytes) + ")"
                               : " (since replaced)";
    }
    t.rows.push_back({b.name, std::to_string(b.bytes), lineage::format_bytes(b.bytes),
                      b.csv_bytes ? std::to_string(*b.csv_bytes) : "unknown",
                      times(b.bytes, b.csv_bytes), from});
    bars.push_back(
        {b.name, static_cast<double>(b.bytes),
         lineage::format_bytes(b.bytes) + ", " + times(b.bytes, b.csv_bytes) + " the CSV"});
  }
  t.rows.push_back({"the lake", std::to_string(lake_bytes.bytes),
                    lineage::format_bytes(lake_bytes.bytes),
                    lake_bytes.csv_bytes ? std::to_string(*lake_bytes.csv_bytes) : "unknown",
                    times(lake_bytes.bytes, lake_bytes.csv_bytes), ""});
  if (csv)
    bars.insert(bars.begin(), {"raw CSV", static_cast<double>(*csv), lineage::format_bytes(*csv)});
  return figure("Bytes on disk of each layer beside the raw CSV it holds",
                svg::bar_chart(bars, {"Bytes per layer", 520, 18, svg::palette(5)}),
                render_table(t),
                "The CSV a layer holds is the input bronze ingested (its size when bronze ran); "
                "silver, gold and the model hold the CSV of the bronze.h5 they were made from.");
}

std::string versions_table(Lake& lake) {
  HtmlTable t({"layer", "adlake version", "created at", "ranks", "host", "Slurm job", "options"});
  for (const char* name : kLayers) {
    const h5::File* file = lake.layer(name);
    if (file == nullptr) {
      t.rows.push_back({name, "missing: run adlake " + stage_of_layer(name), "", "", "", "", ""});
      continue;
    }
    const json run = root_run(*file);
    const auto text = [&](const char* key) {
      const json* v = find_key(run, {key});
      return v == nullptr ? std::string() : v->is_string() ? v->get<std::string>() : v->dump();
    };
    // The options of a layer are those of its tables; list each distinct set once.
    std::set<std::string> options;
    for (const auto& path : h5::list_tables(*file)) {
      const json params = h5::read_table_meta(*file, path).params;
      if (!params.empty()) options.insert(params.dump());
    }
    std::string joined;
    for (const auto& o : options) joined += (joined.empty() ? "" : "; ") + o;
    t.rows.push_back({name,
                      h5::read_string_attribute_if(file->id(), "adlake_version").value_or("?"),
                      h5::read_string_attribute_if(file->id(), "created_at").value_or("?"),
                      text("ranks"), text("host"), text("slurm_job_id"), joined});
  }
  return "<figure><figcaption>Versions, runs and options of each layer</figcaption>" +
         render_table(t) + "</figure>\n";
}

}  // namespace

Section run_section(Lake& lake, const nlohmann::json& job_stages) {
  std::string html =
      "<h3>Stage timings</h3>\n" + guarded([&] { return timings_figure(lake, job_stages); });
  html += "<h3>Lineage</h3>\n" + guarded([&] { return lineage_figure(lake); });
  html += "<h3>Storage</h3>\n" + guarded([&] { return storage_figure(lake); });
  html += "<h3>Versions and options</h3>\n" + guarded([&] { return versions_table(lake); });
  return {"run", "The run", html};
}

}  // namespace adlake::report
