#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>

#include "adlake/report/html.hpp"
#include "adlake/report/svg.hpp"
#include "adlake/report/svg_canvas.hpp"

namespace adlake::report::svg {

std::string funnel_chart(const std::vector<FunnelStep>& steps, const std::string& title,
                         int width) {
  constexpr double kRow = 44, kBar = 30, kLabelW = 110, kRateW = 150;
  double top = 0;
  for (const auto& s : steps) top = std::max(top, std::isfinite(s.value) ? s.value : 0.0);
  if (top <= 0) top = 1;
  const double area = width - kLabelW - kRateW;
  const double centre = kLabelW + area / 2;
  const double height = kRow * static_cast<double>(steps.size()) + 8;
  std::string out = open_svg(width, height, title);
  for (size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    const double y = 4 + kRow * static_cast<double>(i);
    const double v = std::isfinite(s.value) ? std::max(0.0, s.value) : 0.0;
    // At least 2 px so that a tiny step (installs) is still a visible mark.
    const double w = std::max(2.0, v / top * area);
    const std::string shown = s.text.empty() ? format_number(s.value) : s.text;
    out += text(kLabelW - 8, y + kBar / 2 + 4, s.label, "end", "label");
    out += fmt::format(
        "<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: "
        "{}</title></rect>",
        num(centre - w / 2), num(y), num(w), num(kBar), palette(i), escape(s.label), escape(shown));
    // The value sits inside a wide bar, beside a narrow one.
    if (text_width(shown) + 12 < w) {
      out += text(centre, y + kBar / 2 + 4, shown, "middle", "inside");
    } else {
      out += text(centre + w / 2 + 6, y + kBar / 2 + 4, shown, "start", "value");
    }
    if (i > 0 && std::isfinite(steps[i - 1].value) && steps[i - 1].value > 0 &&
        std::isfinite(s.value)) {
      out += text(width - kRateW + 8, y + kBar / 2 + 4,
                  format_percent(s.value / steps[i - 1].value) + " of " + steps[i - 1].label,
                  "start", "note");
    }
  }
  return out + "</svg>\n";
}

}  // namespace adlake::report::svg
