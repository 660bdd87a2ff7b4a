// Data quality from the `stats` attributes of bronze and silver (CONTRACT 5):
// lines read, malformed lines, invalid rows by reason, duplicates, rows kept,
// and whether the counts add up (CONTRACT 2.2 and 2.3).
#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <array>
#include <map>

#include "adlake/report/html.hpp"
#include "adlake/report/sections.hpp"
#include "adlake/report/svg.hpp"

namespace adlake::report {

namespace {

constexpr std::array<const char*, 6> kEntities = {"requests",      "impressions", "clicks",
                                                  "user_profiles", "campaigns",   "app_metadata"};

struct EntityCounts {
  bool bronze = false, silver = false;
  int64_t data_lines = 0, blank = 0, bronze_rows = 0;
  std::map<std::string, int64_t> malformed;  // bronze rejects by reason
  int64_t rows_in = 0, duplicates = 0, kept = 0;
  std::map<std::string, int64_t> invalid;  // silver rejects by reason
};

int64_t int_at(const nlohmann::json& j, const char* key) {
  const auto found = j.find(key);
  return found != j.end() && found->is_number() ? found->get<int64_t>() : 0;
}

void add_reasons(std::map<std::string, int64_t>& into, const nlohmann::json& rejects) {
  if (!rejects.is_object()) return;
  for (const auto& [reason, n] : rejects.items()) {
    if (n.is_number()) into[reason] += n.get<int64_t>();
  }
}

int64_t total(const std::map<std::string, int64_t>& reasons) {
  int64_t sum = 0;
  for (const auto& [reason, n] : reasons) sum += n;
  return sum;
}

void read_bronze(Lake& lake, std::map<std::string, EntityCounts>& counts) {
  const h5::File& file = lake.require("bronze.h5");
  for (const char* entity : kEntities) {
    const std::string path = std::string("/") + entity;
    if (!h5::table_exists(file, path)) continue;
    const auto stats = h5::read_table_meta(file, path).stats;
    const auto files = stats.find("files");
    if (files == stats.end() || !files->is_array()) continue;
    EntityCounts& c = counts[entity];
    c.bronze = true;
    for (const auto& f : *files) {
      c.data_lines += int_at(f, "data_lines");
      c.blank += int_at(f, "blank_lines");
      c.bronze_rows += int_at(f, "rows");
      if (f.contains("rejects")) add_reasons(c.malformed, f["rejects"]);
    }
  }
}

void add_silver_entry(EntityCounts& c, const nlohmann::json& entry) {
  c.silver = true;
  c.rows_in += int_at(entry, "rows_in");
  c.duplicates += int_at(entry, "duplicates");
  c.kept += int_at(entry, "rows_out");
  if (entry.contains("rejects")) add_reasons(c.invalid, entry["rejects"]);
}

// Silver's stats are per source entity; a dimension table may carry its
// entity's counts at the top level instead.
void read_silver(Lake& lake, std::map<std::string, EntityCounts>& counts) {
  const h5::File& file = lake.require("silver.h5");
  const std::map<std::string, std::string> dimension = {
      {"/users", "user_profiles"}, {"/campaigns", "campaigns"}, {"/apps", "app_metadata"}};
  for (const auto& path : h5::list_tables(file)) {
    if (path.rfind("/_rejects", 0) == 0) continue;
    const auto stats = h5::read_table_meta(file, path).stats;
    if (!stats.is_object()) continue;
    if (stats.contains("rows_in") && dimension.count(path)) {
      add_silver_entry(counts[dimension.at(path)], stats);
      continue;
    }
    for (const auto& [entity, entry] : stats.items()) {
      if (entry.is_object() && entry.contains("rows_in")) add_silver_entry(counts[entity], entry);
    }
  }
  // Reasons may live only on the rejects tables.
  for (auto& [entity, c] : counts) {
    const std::string path = "/_rejects/" + entity;
    if (!c.invalid.empty() || !h5::table_exists(file, path)) continue;
    const auto stats = h5::read_table_meta(file, path).stats;
    if (stats.contains("rejects")) add_reasons(c.invalid, stats["rejects"]);
  }
}

std::string check_text(int64_t expected, int64_t sum) {
  if (expected == sum) return "yes";
  return fmt::format("NO: off by {}", format_count(sum - expected));
}

std::string counts_table(const std::map<std::string, EntityCounts>& counts) {
  HtmlTable t({"entity", "data lines", "blank", "malformed (bronze)", "bronze rows",
               "invalid (silver)", "duplicates", "kept", "lines = rows + malformed + blank",
               "rows = invalid + duplicates + kept"},
              {1, 2, 3, 4, 5, 6, 7});
  for (const char* entity : kEntities) {
    const auto found = counts.find(entity);
    if (found == counts.end()) continue;
    const EntityCounts& c = found->second;
    const auto b = [&](int64_t v) { return c.bronze ? format_count(v) : std::string("-"); };
    const auto s = [&](int64_t v) { return c.silver ? format_count(v) : std::string("-"); };
    t.rows.push_back(
        {entity, b(c.data_lines), b(c.blank), b(total(c.malformed)), b(c.bronze_rows),
         s(total(c.invalid)), s(c.duplicates), s(c.kept),
         c.bronze ? check_text(c.data_lines, c.bronze_rows + total(c.malformed) + c.blank) : "-",
         c.bronze && c.silver ? check_text(c.bronze_rows, total(c.invalid) + c.duplicates + c.kept)
                              : "-"});
  }
  return render_table(t);
}

std::string reasons_figure(const std::map<std::string, EntityCounts>& counts) {
  std::vector<svg::Bar> bars;
  HtmlTable t({"entity", "layer", "reason", "rows"}, {3});
  for (const char* entity : kEntities) {
    const auto found = counts.find(entity);
    if (found == counts.end()) continue;
    for (const auto& [layer, reasons] : {std::pair{"bronze", &found->second.malformed},
                                         std::pair{"silver", &found->second.invalid}}) {
      for (const auto& [reason, n] : *reasons) {
        if (n == 0) continue;
        bars.push_back(
            {fmt::format("{}: {}", entity, reason), static_cast<double>(n), format_count(n)});
        t.rows.push_back({entity, layer, reason, format_count(n)});
      }
    }
  }
  if (bars.empty()) return "<p>No line or row was rejected.</p>\n";
  std::stable_sort(bars.begin(), bars.end(),
                   [](const svg::Bar& a, const svg::Bar& b) { return a.value > b.value; });
  return figure("Rejected lines and rows by reason",
                svg::bar_chart(bars, {"Rejects by reason", 560, 14, "#D55E00"}), render_table(t),
                "Malformed lines are kept verbatim in bronze.h5:/_rejects/<entity>, invalid rows "
                "with their values in silver.h5:/_rejects/<entity>.");
}

std::string quality_body(Lake& lake) {
  std::map<std::string, EntityCounts> counts;
  read_bronze(lake, counts);
  std::string silver_note;
  try {
    read_silver(lake, counts);
  } catch (const Unavailable& e) {
    silver_note = unavailable(e.what());
  }
  if (counts.empty()) throw Unavailable("bronze.h5 holds no entity table with stats");
  std::string out = counts_table(counts) + silver_note;
  const auto clicks = counts.find("clicks");
  if (clicks != counts.end() && clicks->second.silver) {
    const EntityCounts& c = clicks->second;
    const int64_t valid = c.rows_in - total(c.invalid);
    out += fmt::format(
        "<p class=\"callout\">Click-fraud and double-logged clicks removed: <b>{}</b> of {} valid "
        "click rows ({}); each impression keeps one click, with its earliest time and the number "
        "of raw clicks in <code>n_clicks_raw</code>.</p>\n",
        format_count(c.duplicates), format_count(valid),
        format_percent(valid > 0 ? static_cast<double>(c.duplicates) / static_cast<double>(valid)
                                 : 0.0));
  }
  return out + reasons_figure(counts);
}

}  // namespace

Section quality_section(Lake& lake) {
  return {"quality", "Data quality", guarded([&] { return quality_body(lake); })};
}

}  // namespace adlake::report
