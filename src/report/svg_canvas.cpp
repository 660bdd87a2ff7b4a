#include "adlake/report/svg_canvas.hpp"

#include <spdlog/fmt/fmt.h>

#include <array>
#include <cmath>
#include <cstdint>

#include "adlake/report/html.hpp"
#include "adlake/report/svg.hpp"

namespace adlake::report::svg {

namespace {

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

const std::string& palette(size_t i) {
  // Okabe-Ito, the usual colour-blind safe set.
  static const std::array<std::string, 7> colours = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                     "#56B4E9", "#D55E00", "#444444"};
  return colours[i % colours.size()];
}

std::string open_svg(double width, double height, std::string_view title) {
  return fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-label=\"{0}\" viewBox=\"0 0 {1} {2}\" width=\"{1}\" "
      "height=\"{2}\"><title>{0}</title>",
      escape(title), num(width), num(height));
}

double text_width(std::string_view content, double font_size) {
  // Sans-serif digits and lower-case letters average about 0.56 em, capitals
  // about 0.7 em; overestimating a little only widens a margin.
  double em = 0;
  for (const char c : content) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
    em += (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w' || c == '%' ? 0.72 : 0.58;
  }
  return em * font_size;
}

std::string shorten(std::string_view content, size_t max_chars) {
  if (code_points(content) <= max_chars) return std::string(content);
  std::string out;
  size_t kept = 0;
  for (size_t i = 0; i < content.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(content[i]) & 0xC0) != 0x80;
    if (starts && ++kept > max_chars - 1) break;
    out += content[i];
  }
  return out + "\u2026";
}

std::string text(double x, double y, std::string_view content, std::string_view anchor,
                 std::string_view css_class) {
  std::string attrs = fmt::format("x=\"{}\" y=\"{}\"", num(x), num(y));
  if (anchor != "start") attrs += fmt::format(" text-anchor=\"{}\"", anchor);
  if (!css_class.empty()) attrs += fmt::format(" class=\"{}\"", css_class);
  return fmt::format("<text {}>{}</text>", attrs, escape(content));
}

std::string num(double v) {
  if (!std::isfinite(v)) return "0";
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) return {lo};
  target = std::max(1, target);
  // Values from a layer can be anything finite: a span that overflows (-1e308
  // to 1e308), or one so small that the step underflows to 0 (denormals).
  // Where no decimal step fits, the ends are the ticks.
  const double raw = (hi - lo) / target;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  constexpr double kExactInteger = 9007199254740992.0;  // 2^53
  if (!std::isfinite(raw) || !(step > 0) || !std::isfinite(step) ||
      std::abs(lo / step) > kExactInteger || std::abs(hi / step) > kExactInteger) {
    return {lo, hi};
  }
  std::vector<double> ticks;
  // Multiples of the step, computed (not accumulated) so that 0.6 stays 0.6;
  // at most a few more than the target, whatever rounding does.
  // Near the doubles' limit, hi plus a rounding margin is infinite: then hi.
  const double last = std::isfinite(hi + step * 1e-9) ? hi + step * 1e-9 : hi;
  const auto first = static_cast<int64_t>(std::ceil(lo / step - 1e-9));
  for (int64_t k = first; static_cast<double>(k) * step <= last && ticks.size() <= 4u * target + 2;
       ++k) {
    ticks.push_back(k == 0 ? 0.0 : static_cast<double>(k) * step);
  }
  // A span of a few units in the last place: the multiples round outside it.
  if (ticks.empty()) return {lo, hi};
  return ticks;
}

}  // namespace adlake::report::svg
