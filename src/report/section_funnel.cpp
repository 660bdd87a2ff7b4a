// The funnel (gold /funnel_summary) as headline numbers and a funnel chart.
#include <spdlog/fmt/fmt.h>

#include "adlake/report/html.hpp"
#include "adlake/report/sections.hpp"
#include "adlake/report/svg.hpp"

namespace adlake::report {

namespace {

std::string kpi(std::string_view label, std::string_view value) {
  return fmt::format(
      "<div class=\"kpi\"><div class=\"kpi-value\">{}</div><div "
      "class=\"kpi-label\">{}</div></div>",
      escape(value), escape(label));
}

std::string funnel_body(Lake& lake) {
  const Table t = lake.table("gold.h5", "/funnel_summary",
                             {"requests", "impressions", "clicks", "installs", "revenue_micros",
                              "fill_rate", "ctr", "cvr"});
  if (t.rows() != 1) {
    throw Unavailable(fmt::format("gold.h5:/funnel_summary has {} rows, not one", t.rows()));
  }
  const auto at = [&](const char* name) { return as_numbers(t.column(name))[0]; };
  const double requests = at("requests"), impressions = at("impressions"), clicks = at("clicks"),
               installs = at("installs"), revenue = at("revenue_micros");
  std::string out = "<div class=\"kpis\">";
  out += kpi("requests", format_number(requests));
  out += kpi("impressions", format_number(impressions));
  out += kpi("clicks", format_number(clicks));
  out += kpi("installs", format_number(installs));
  out += kpi("revenue", format_usd(revenue));
  out += kpi("fill rate", format_percent(at("fill_rate")));
  out += kpi("CTR", format_percent(at("ctr")));
  out += kpi("CVR (installs / clicks)", format_percent(at("cvr")));
  out += "</div>\n";
  const std::vector<svg::FunnelStep> steps = {
      {"requests", requests, format_number(requests)},
      {"impressions", impressions, format_number(impressions)},
      {"clicks", clicks, format_number(clicks)},
      {"installs", installs, format_number(installs)}};
  HtmlTable numbers({"step", "count", "of the step above"}, {1, 2});
  for (size_t i = 0; i < steps.size(); ++i) {
    numbers.rows.push_back({steps[i].label, steps[i].text,
                            i == 0 ? "" : format_percent(steps[i].value / steps[i - 1].value)});
  }
  numbers.rows.push_back({"revenue", format_usd(revenue), ""});
  out += figure("Requests to installs (gold.h5:/funnel_summary)",
                svg::funnel_chart(steps, "The ad funnel"), render_table(numbers),
                "Revenue: CPC campaigns earn their bid per click, CPI per install, CPM a "
                "thousandth of it per impression (CONTRACT 2.4).");
  return out;
}

}  // namespace

Section funnel_section(Lake& lake) {
  return {"funnel", "The funnel", guarded([&] { return funnel_body(lake); })};
}

}  // namespace adlake::report
