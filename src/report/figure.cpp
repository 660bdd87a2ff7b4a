#include <spdlog/fmt/fmt.h>

#include <cmath>

#include "adlake/report/html.hpp"
#include "adlake/report/sections.hpp"

namespace adlake::report {

std::string figure(std::string_view caption, std::string_view chart, std::string_view numbers,
                   std::string_view note) {
  std::string out = "<figure>\n<figcaption>" + escape(caption) + "</figcaption>\n";
  out += "<div class=\"figure-body\"><div class=\"chart-box\">";
  out += chart;
  out += "</div>";
  if (!numbers.empty()) {
    out += "<div class=\"numbers\">";
    out += numbers;
    out += "</div>";
  }
  out += "</div>\n";
  if (!note.empty()) out += "<p class=\"note\">" + escape(note) + "</p>\n";
  return out + "</figure>\n";
}

std::string format_usd_short(double micros) {
  if (!std::isfinite(micros)) return "n/a";
  const double d = micros / 1e6;
  const double m = std::fabs(d);
  if (m >= 1e9) return fmt::format("${:.1f}B", d / 1e9);
  if (m >= 1e6) return fmt::format("${:.1f}M", d / 1e6);
  if (m >= 1e3) return fmt::format("${:.1f}k", d / 1e3);
  if (m >= 1) return fmt::format("${:.0f}", d);
  return fmt::format("${:.2f}", d);
}

}  // namespace adlake::report
