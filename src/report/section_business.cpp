// The business questions of the seed project's dashboard, from gold's
// aggregate tables (CONTRACT 3.2): revenue and CTR by state, campaign types,
// advertisers, hours of the day, and the affinity lift.
#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>

#include "adlake/core/error.hpp"
#include "adlake/core/log.hpp"
#include "adlake/report/html.hpp"
#include "adlake/report/sections.hpp"
#include "adlake/report/svg.hpp"

namespace adlake::report {

namespace {

// A gold aggregate read whole: key texts and numeric columns by name.
struct Aggregate {
  std::string definition;  // the table's `description` attribute (its SQL)
  std::vector<std::string> keys;
  std::map<std::string, std::vector<double>> values;
  const std::vector<double>& operator[](const std::string& name) const { return values.at(name); }
  size_t rows() const { return keys.size(); }
};

Aggregate read_aggregate(Lake& lake, const std::string& path, const std::string& key,
                         const std::vector<std::string>& columns) {
  std::vector<std::string> wanted = {key};
  wanted.insert(wanted.end(), columns.begin(), columns.end());
  const Table t = lake.table("gold.h5", path, wanted);
  Aggregate a;
  a.definition = lake.meta("gold.h5", path).description;
  a.keys = as_texts(t.column(key));
  for (const auto& c : columns) a.values[c] = as_numbers(t.column(c));
  if (a.keys.empty()) throw Unavailable("gold.h5:" + path + " has no rows");
  return a;
}

std::string definition(const Aggregate& a) {
  if (a.definition.empty()) return {};
  return "<details class=\"definition\"><summary>definition</summary><code>" +
         escape(a.definition) + "</code></details>\n";
}

// Row indexes sorted by a column, largest first (ties: key order).
std::vector<size_t> by_descending(const std::vector<double>& v) {
  std::vector<size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] > v[b]; });
  return order;
}

std::string state_figures(Lake& lake) {
  const Aggregate a = read_aggregate(
      lake, "/revenue_by_state", "user_state",
      {"requests", "impressions", "clicks", "installs", "revenue_micros", "ctr", "ecpm_micros"});
  std::vector<svg::Tile> revenue, ctr;
  HtmlTable t({"state", "revenue", "requests", "impressions", "clicks", "CTR", "eCPM"},
              {1, 2, 3, 4, 5, 6});
  for (const size_t i : by_descending(a["revenue_micros"])) {
    revenue.push_back(
        {a.keys[i], a["revenue_micros"][i], format_usd_short(a["revenue_micros"][i])});
    ctr.push_back({a.keys[i], a["ctr"][i], format_percent(a["ctr"][i], 1)});
    t.rows.push_back({a.keys[i], format_usd(a["revenue_micros"][i]),
                      format_number(a["requests"][i]), format_number(a["impressions"][i]),
                      format_number(a["clicks"][i]), format_percent(a["ctr"][i]),
                      format_usd(a["ecpm_micros"][i])});
  }
  std::string out = figure("Revenue by the user's state (gold.h5:/revenue_by_state)",
                           svg::state_tile_map(revenue, "Revenue by state", "revenue",
                                               [](double v) { return format_usd_short(v); }),
                           "<div class=\"scroll\">" + render_table(t) + "</div>",
                           "UNK: users without a profile or with an unknown state.");
  out += figure("Click-through rate by state",
                svg::state_tile_map(ctr, "CTR by state", "CTR",
                                    [](double v) { return format_percent(v, 1); }),
                "", "CTR = clicks / impressions; the numbers are in the table above.");
  return out + definition(a);
}

std::string campaign_type_figure(Lake& lake) {
  const Aggregate a =
      read_aggregate(lake, "/campaign_type_performance", "campaign_type",
                     {"campaigns", "impressions", "clicks", "installs", "revenue_micros",
                      "spend_micros", "ctr", "cvr", "ecpm_micros"});
  struct Measure {
    const char* column;
    const char* title;
    std::string (*format)(double);
  };
  const Measure measures[] = {
      {"ctr", "CTR", [](double v) { return format_percent(v); }},
      {"cvr", "CVR (installs / clicks)", [](double v) { return format_percent(v); }},
      {"ecpm_micros", "eCPM", [](double v) { return format_usd(v); }},
      {"revenue_micros", "revenue", [](double v) { return format_usd_short(v); }},
  };
  std::string charts = "<div class=\"small-multiples\">";
  size_t colour = 0;
  for (const auto& m : measures) {
    std::vector<svg::Bar> bars;
    for (size_t i = 0; i < a.rows(); ++i) {
      bars.push_back({a.keys[i], a[m.column][i], m.format(a[m.column][i])});
    }
    charts += "<div class=\"multiple\"><div class=\"multiple-title\">" + escape(m.title) +
              "</div>" + svg::bar_chart(bars, {m.title, 300, 20, svg::palette(colour++)}) +
              "</div>";
  }
  charts += "</div>";
  HtmlTable t({"type", "campaigns", "impressions", "clicks", "installs", "revenue", "spend", "CTR",
               "CVR", "eCPM"},
              {1, 2, 3, 4, 5, 6, 7, 8, 9});
  for (size_t i = 0; i < a.rows(); ++i) {
    t.rows.push_back({a.keys[i], format_number(a["campaigns"][i]),
                      format_number(a["impressions"][i]), format_number(a["clicks"][i]),
                      format_number(a["installs"][i]), format_usd(a["revenue_micros"][i]),
                      format_usd(a["spend_micros"][i]), format_percent(a["ctr"][i]),
                      format_percent(a["cvr"][i]), format_usd(a["ecpm_micros"][i])});
  }
  return figure("CPC vs CPI vs CPM campaigns (gold.h5:/campaign_type_performance)", charts,
                render_table(t),
                "eCPM = revenue per thousand impressions; spend = the winning prices paid.") +
         definition(a);
}

std::string advertiser_figure(Lake& lake) {
  constexpr size_t kTop = 15;
  const Aggregate a = read_aggregate(
      lake, "/advertiser_performance", "advertiser",
      {"campaigns", "impressions", "clicks", "installs", "revenue_micros", "spend_micros", "ctr"});
  const auto order = by_descending(a["revenue_micros"]);
  std::vector<svg::Bar> bars;
  HtmlTable t({"#", "advertiser", "campaigns", "impressions", "clicks", "installs", "revenue",
               "spend", "CTR"},
              {0, 2, 3, 4, 5, 6, 7, 8});
  for (size_t r = 0; r < std::min(kTop, order.size()); ++r) {
    const size_t i = order[r];
    bars.push_back({a.keys[i], a["revenue_micros"][i], format_usd(a["revenue_micros"][i])});
    t.rows.push_back({std::to_string(r + 1), a.keys[i], format_number(a["campaigns"][i]),
                      format_number(a["impressions"][i]), format_number(a["clicks"][i]),
                      format_number(a["installs"][i]), format_usd(a["revenue_micros"][i]),
                      format_usd(a["spend_micros"][i]), format_percent(a["ctr"][i])});
  }
  return figure(
             fmt::format("Top {} advertisers by revenue, of {} (gold.h5:/advertiser_performance)",
                         bars.size(), format_count(static_cast<int64_t>(a.rows()))),
             svg::bar_chart(bars, {"Top advertisers by revenue", 520, 16, svg::palette(2)}),
             render_table(t)) +
         definition(a);
}

std::string hourly_figure(Lake& lake) {
  const Aggregate a = read_aggregate(lake, "/hourly_performance", "hour_of_day",
                                     {"impressions", "clicks", "ctr", "revenue_micros"});
  svg::Series line{"CTR", {}, {}, svg::palette(0), true};
  HtmlTable t({"hour (UTC)", "impressions", "clicks", "CTR", "revenue"}, {0, 1, 2, 3, 4});
  for (size_t i = 0; i < a.rows(); ++i) {
    double hour = NAN;
    const std::string& key = a.keys[i];
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), hour);
    if (ec != std::errc() || end != key.data() + key.size()) {
      throw DataError(
          "gold.h5: table /hourly_performance, column hour_of_day: expected a number, "
          "found '" +
          log_safe(key) + "'");
    }
    line.x.push_back(hour);
    line.y.push_back(a["ctr"][i]);
    t.rows.push_back({a.keys[i], format_number(a["impressions"][i]), format_number(a["clicks"][i]),
                      format_percent(a["ctr"][i]), format_usd(a["revenue_micros"][i])});
  }
  svg::LineChartOptions o;
  o.title = "CTR by hour of the day";
  o.x = {"hour of the impression (UTC)", 0, 23, false};
  o.y = {"CTR", svg::kAuto, svg::kAuto, true};
  o.width = 560;
  return figure("Click-through rate by hour (gold.h5:/hourly_performance)",
                svg::line_chart({line}, o), "<div class=\"scroll\">" + render_table(t) + "</div>") +
         definition(a);
}

std::string affinity_figure(Lake& lake) {
  const Aggregate a = read_aggregate(lake, "/affinity_performance", "is_affinity_match",
                                     {"impressions", "clicks", "ctr"});
  std::vector<svg::Bar> bars;
  HtmlTable t({"user's interest = campaign's category", "impressions", "clicks", "CTR"}, {1, 2, 3});
  double ctr_match = NAN, ctr_other = NAN;
  for (size_t i = 0; i < a.rows(); ++i) {
    const bool match = a.keys[i] == "1";
    (match ? ctr_match : ctr_other) = a["ctr"][i];
    const std::string label = match ? "match" : "no match";
    bars.push_back({label, a["ctr"][i], format_percent(a["ctr"][i])});
    t.rows.push_back({label, format_number(a["impressions"][i]), format_number(a["clicks"][i]),
                      format_percent(a["ctr"][i])});
  }
  const double lift = ctr_other > 0 ? ctr_match / ctr_other : NAN;
  const std::string lift_text =
      std::isfinite(lift)
          ? fmt::format(
                "Affinity lift: {:.2f}x the CTR when the user's interest "
                "matches the campaign's category.",
                lift)
          : std::string("Affinity lift: n/a (one of the groups has no impression).");
  return figure(
             "Affinity: interest matching the campaign's category (gold.h5:/affinity_performance)",
             svg::bar_chart(bars, {"CTR with and without affinity", 420, 24, svg::palette(3)}),
             render_table(t), lift_text) +
         definition(a);
}

}  // namespace

Section business_section(Lake& lake) {
  std::string html;
  html += "<h3>Revenue and CTR by state</h3>\n" + guarded([&] { return state_figures(lake); });
  html += "<h3>Campaign types</h3>\n" + guarded([&] { return campaign_type_figure(lake); });
  html += "<h3>Advertisers</h3>\n" + guarded([&] { return advertiser_figure(lake); });
  html += "<h3>Hour of the day</h3>\n" + guarded([&] { return hourly_figure(lake); });
  html += "<h3>Affinity lift</h3>\n" + guarded([&] { return affinity_figure(lake); });
  return {"business", "Business", html};
}

}  // namespace adlake::report
