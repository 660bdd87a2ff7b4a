#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>

#include "adlake/report/html.hpp"
#include "adlake/report/svg.hpp"
#include "adlake/report/svg_canvas.hpp"

namespace adlake::report::svg {

namespace {

struct Range {
  double lo, hi;
};

// The axis range: as given, else the data's, widened to include 0 for a
// quantity axis starting near it, and never empty.
Range axis_range(const Axis& axis, const std::vector<Series>& series, bool use_x) {
  double lo = axis.min, hi = axis.max;
  double data_lo = INFINITY, data_hi = -INFINITY;
  for (const auto& s : series) {
    for (const double v : use_x ? s.x : s.y) {
      if (!std::isfinite(v)) continue;
      data_lo = std::min(data_lo, v);
      data_hi = std::max(data_hi, v);
    }
  }
  if (!std::isfinite(data_lo)) data_lo = 0, data_hi = 1;
  if (std::isnan(lo)) lo = std::min(0.0, data_lo);
  if (std::isnan(hi)) hi = data_hi;
  if (hi <= lo) hi = lo + 1;
  if (std::isnan(axis.max)) {
    // Round the top up to the next nice tick so that the highest point is inside.
    const auto ticks = nice_ticks(lo, hi);
    if (!ticks.empty() && ticks.back() < hi) {
      const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : hi - lo;
      hi = ticks.back() + step;
    }
  }
  return {lo, hi};
}

std::string tick_label(double v, const Axis& axis, double step) {
  if (axis.percent) {
    const int decimals = step * 100 >= 1 ? 0 : (step * 100 >= 0.1 ? 1 : 2);
    return format_percent(v, decimals);
  }
  return format_number(v);
}

// The plotting area inside the margins and the value ranges it shows.
struct Plot {
  double left, top, width, height;
  Range x, y;
  double px(double v) const { return left + (v - x.lo) / (x.hi - x.lo) * width; }
  double py(double v) const { return top + height - (v - y.lo) / (y.hi - y.lo) * height; }
};

// The grid, tick labels, frame and axis labels.
void append_axes(std::string& out, const Plot& p, const LineChartOptions& options, double h) {
  const auto xt = nice_ticks(p.x.lo, p.x.hi, 6), yt = nice_ticks(p.y.lo, p.y.hi, 5);
  const double xstep = xt.size() > 1 ? xt[1] - xt[0] : 1, ystep = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (const double t : yt) {
    out += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>",
                       num(p.left), num(p.left + p.width), num(p.py(t)));
    out += text(p.left - 6, p.py(t) + 4, tick_label(t, options.y, ystep), "end", "tick");
  }
  for (const double t : xt) {
    out += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                       num(p.px(t)), num(p.top), num(p.top + p.height));
    out += text(p.px(t), p.top + p.height + 16, tick_label(t, options.x, xstep), "middle", "tick");
  }
  out += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                     num(p.left), num(p.top), num(p.width), num(p.height));
  out += text(p.left + p.width / 2, h - 6, options.x.label, "middle", "axis-label");
  out += fmt::format(
      "<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(14 {}) "
      "rotate(-90)\">{}</text>",
      num(p.top + p.height / 2), escape(options.y.label));
}

// One series' line and, if asked, its markers; false when it has no finite point.
bool append_series(std::string& out, const Plot& p, const Series& s, const std::string& colour,
                   const LineChartOptions& options) {
  const size_t n = std::min(s.x.size(), s.y.size());
  const auto finite = [&s](size_t k) { return std::isfinite(s.x[k]) && std::isfinite(s.y[k]); };
  std::string d;
  for (size_t k = 0; k < n; ++k) {
    if (finite(k))
      d += fmt::format("{}{},{}", d.empty() ? "M" : " L", num(p.px(s.x[k])), num(p.py(s.y[k])));
  }
  if (d.empty()) return false;
  out +=
      fmt::format("<path class=\"{}\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
                  s.dashed ? "reference" : "mark", d, escape(colour), s.dashed ? 1 : 2,
                  s.dashed ? " stroke-dasharray=\"4 3\"" : "");
  for (size_t k = 0; s.markers && k < n; ++k) {
    if (!finite(k)) continue;
    out += fmt::format(
        "<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"><title>{}: {}, "
        "{}</title></circle>",
        num(p.px(s.x[k])), num(p.py(s.y[k])), escape(colour), escape(s.name),
        tick_label(s.x[k], options.x, 0.0001), tick_label(s.y[k], options.y, 0.0001));
  }
  return true;
}

}  // namespace

std::string line_chart(const std::vector<Series>& series, const LineChartOptions& options) {
  const bool legend =
      std::any_of(series.begin(), series.end(), [](const Series& s) { return !s.name.empty(); });
  const double left = 62, right = 14, top = legend ? 30 : 12, bottom = 44;
  const double w = options.width, h = options.height;
  const Plot plot{left,
                  top,
                  w - left - right,
                  h - top - bottom,
                  axis_range(options.x, series, true),
                  axis_range(options.y, series, false)};
  std::string out = open_svg(w, h, options.title);
  append_axes(out, plot, options, h);
  double legend_x = left;
  for (size_t i = 0; i < series.size(); ++i) {
    const auto& s = series[i];
    const std::string colour = s.color.empty() ? palette(i) : s.color;
    if (!append_series(out, plot, s, colour, options)) continue;
    if (legend && !s.name.empty()) {
      out += fmt::format(
          "<line x1=\"{0}\" x2=\"{1}\" y1=\"14\" y2=\"14\" stroke=\"{2}\" stroke-width=\"2\"{3}/>",
          num(legend_x), num(legend_x + 16), escape(colour),
          s.dashed ? " stroke-dasharray=\"4 3\"" : "");
      out += text(legend_x + 20, 18, s.name, "start", "legend");
      legend_x += 34 + text_width(s.name);
    }
  }
  return out + "</svg>\n";
}

}  // namespace adlake::report::svg
