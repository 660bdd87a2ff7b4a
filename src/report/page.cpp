#include "adlake/report/page.hpp"

#include <spdlog/fmt/fmt.h>

#include "adlake/report/html.hpp"
#include "adlake/report/sections.hpp"

namespace adlake::report {

namespace {

// Only system fonts: the page must not load anything.
constexpr const char* kStyle = R"css(
:root { --ink: #1d2329; --muted: #5b6670; --line: #d8dde2; --panel: #f6f8fa; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
header.top { background: #12324a; color: #fff; padding: 18px 28px 14px; }
header.top h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
header.top p { margin: 0; color: #c9d6e2; font-size: 13px; }
nav.toc { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid var(--line);
  padding: 8px 28px; }
nav.toc a { margin-right: 18px; color: var(--accent); text-decoration: none; font-weight: 500; }
main { max-width: 1240px; margin: 0 auto; padding: 8px 28px 40px; }
section { margin-top: 22px; }
h2 { font-size: 20px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin: 0 0 12px; }
h3 { font-size: 16px; margin: 20px 0 8px; color: #23445e; }
figure { margin: 10px 0 18px; padding: 12px 14px; background: var(--panel); border: 1px solid var(--line);
  border-radius: 6px; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 8px; }
.figure-body { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.chart-box { flex: 0 1 auto; max-width: 100%; overflow-x: auto; }
.numbers { flex: 1 1 320px; min-width: 280px; }
.scroll { max-height: 460px; overflow-y: auto; }
.small-multiples { display: flex; flex-wrap: wrap; gap: 14px; }
.multiple-title { font-size: 12px; font-weight: 600; color: var(--muted); }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg.chart text { fill: var(--ink); }
svg.chart .tick, svg.chart .note, svg.chart .legend { fill: var(--muted); font-size: 11px; }
svg.chart .axis-label { fill: var(--muted); font-size: 12px; }
svg.chart .inside { fill: #fff; font-weight: 600; }
svg.chart .grid { stroke: #e3e7eb; }
svg.chart .frame { fill: none; stroke: #aab3bb; }
svg.chart .axis { stroke: #555; }
svg.chart .tile-empty { fill: #eceff1; }
svg.chart .tile-code { font-weight: 700; font-size: 13px; }
svg.chart .tile-text { font-size: 10px; }
svg.chart .light { fill: #fff; }
svg.chart .node { fill: #e6f0f8; stroke: #4a7fa8; }
svg.chart .node.dim { fill: #f4f4f4; stroke: #b5b5b5; }
svg.chart .node-label { font-size: 11px; }
svg.chart .column-title { font-weight: 700; fill: #23445e; }
svg.chart .edge { fill: none; stroke: #8aa4b8; stroke-width: 1; }
table.data { border-collapse: collapse; font-size: 12.5px; background: #fff; width: 100%; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
table.data th { background: #eef2f5; position: sticky; top: 0; }
.numbers table.data td { max-width: 220px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.kpis { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 6px; }
.kpi { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px;
  min-width: 120px; }
.kpi-value { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.kpi-label { font-size: 12px; color: var(--muted); }
.note { color: var(--muted); font-size: 12.5px; margin: 8px 0 0; }
.callout { background: #fff7e6; border-left: 4px solid #E69F00; padding: 8px 12px; }
.missing { color: #8a5a00; background: #fff7e6; border: 1px dashed #E69F00; padding: 8px 12px;
  border-radius: 4px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
details summary { cursor: pointer; margin: 6px 0; color: var(--accent); }
details.definition { margin: -12px 0 16px; font-size: 12px; }
details.definition code { display: block; white-space: pre-wrap; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); margin-top: 28px;
  padding-top: 8px; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 11px; }
  nav.toc { display: none; }
  header.top { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  header.top p { color: var(--muted); }
  main { max-width: none; padding: 0; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  figure { background: none; border-color: #bbb; }
  .scroll { max-height: none; overflow: visible; }
  .chart-box { overflow: visible; }
  table.data th { position: static; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

}  // namespace

std::string render_page(Lake& lake, const PageInfo& info) {
  const std::vector<Section> sections = {funnel_section(lake), quality_section(lake),
                                         business_section(lake), model_section(lake),
                                         run_section(lake, info.stages)};
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // No request may leave the page, whatever a value in the lake holds.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n"
      "<title>adlake report: " +
      escape(lake.dir()) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += fmt::format(
      "<header class=\"top\"><h1>adlake report</h1><p>lake <code>{}</code> &middot; generated {} "
      "&middot; adlake {}</p></header>\n",
      escape(lake.dir()), escape(info.generated_at), escape(ADLAKE_VERSION));
  out += "<nav class=\"toc\">";
  for (const auto& s : sections) {
    out += fmt::format("<a href=\"#{}\">{}</a>", escape(s.id), escape(s.title));
  }
  out += "</nav>\n<main>\n";
  for (const auto& s : sections) {
    out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", escape(s.id),
                       escape(s.title), s.html);
  }
  out += fmt::format(
      "<footer>Made by <code>{}</code> from the lake's HDF5 layers and metrics.json. Every chart "
      "is drawn inline; the page loads nothing.</footer>\n</main>\n</body>\n</html>\n",
      escape(info.command));
  return out;
}

}  // namespace adlake::report
