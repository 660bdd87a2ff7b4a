#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>

#include "adlake/report/html.hpp"
#include "adlake/report/svg.hpp"
#include "adlake/report/svg_canvas.hpp"

namespace adlake::report::svg {

std::string bar_chart(const std::vector<Bar>& bars, const BarChartOptions& options) {
  constexpr size_t kMaxLabel = 30;
  constexpr double kGap = 6, kTop = 6;
  double label_w = 0, text_w = 0, lo = 0, hi = 0;
  std::vector<std::string> labels, texts;
  for (const auto& bar : bars) {
    labels.push_back(shorten(bar.label, kMaxLabel));
    texts.push_back(bar.text.empty() ? format_number(bar.value) : bar.text);
    label_w = std::max(label_w, text_width(labels.back()));
    text_w = std::max(text_w, text_width(texts.back()));
    if (std::isfinite(bar.value)) {
      lo = std::min(lo, bar.value);
      hi = std::max(hi, bar.value);
    }
  }
  if (hi == lo) hi = lo + 1;
  const double x0 = label_w + 10;
  const double area = std::max(60.0, options.width - x0 - text_w - 16);
  const double width = x0 + area + text_w + 16;
  const double step = options.bar_height + kGap;
  const double height = kTop + step * static_cast<double>(bars.size()) + 4;
  const auto x_of = [&](double v) { return x0 + (v - lo) / (hi - lo) * area; };

  std::string out = open_svg(width, height, options.title);
  for (size_t i = 0; i < bars.size(); ++i) {
    const double y = kTop + step * static_cast<double>(i);
    const double mid = y + options.bar_height / 2.0 + 4;
    out += text(x0 - 6, mid, labels[i], "end", "label");
    const double v = bars[i].value;
    if (std::isfinite(v)) {
      const double a = x_of(std::min(0.0, v)), b = x_of(std::max(0.0, v));
      out += fmt::format(
          "<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
          "fill=\"{}\"><title>{}: "
          "{}</title></rect>",
          num(a), num(y), num(std::max(b - a, 1.0)), options.bar_height, escape(options.color),
          escape(bars[i].label), escape(texts[i]));
    }
    out += text(x0 + area + 8, mid, texts[i], "start", "value");
  }
  if (lo < 0) {
    out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                       num(x_of(0)), num(kTop - 2), num(height - 2));
  }
  return out + "</svg>\n";
}

}  // namespace adlake::report::svg
