#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "adlake/report/html.hpp"
#include "adlake/report/svg.hpp"
#include "adlake/report/svg_canvas.hpp"

namespace adlake::report::svg {

namespace {

struct Place {
  const char* code;
  int row, col;
};

// The usual tile-grid map of the USA (one square per state, DC east of VA).
constexpr std::array<Place, 51> kPlaces = {{
    {"AK", 0, 0}, {"ME", 0, 10}, {"VT", 1, 9},  {"NH", 1, 10}, {"WA", 2, 0}, {"ID", 2, 1},
    {"MT", 2, 2}, {"ND", 2, 3},  {"MN", 2, 4},  {"IL", 2, 5},  {"WI", 2, 6}, {"MI", 2, 7},
    {"NY", 2, 8}, {"RI", 2, 9},  {"MA", 2, 10}, {"OR", 3, 0},  {"NV", 3, 1}, {"WY", 3, 2},
    {"SD", 3, 3}, {"IA", 3, 4},  {"IN", 3, 5},  {"OH", 3, 6},  {"PA", 3, 7}, {"NJ", 3, 8},
    {"CT", 3, 9}, {"CA", 4, 0},  {"UT", 4, 1},  {"CO", 4, 2},  {"NE", 4, 3}, {"MO", 4, 4},
    {"KY", 4, 5}, {"WV", 4, 6},  {"VA", 4, 7},  {"MD", 4, 8},  {"DE", 4, 9}, {"AZ", 5, 1},
    {"NM", 5, 2}, {"KS", 5, 3},  {"AR", 5, 4},  {"TN", 5, 5},  {"NC", 5, 6}, {"SC", 5, 7},
    {"DC", 5, 8}, {"OK", 6, 3},  {"LA", 6, 4},  {"MS", 6, 5},  {"AL", 6, 6}, {"GA", 6, 7},
    {"HI", 7, 0}, {"TX", 7, 3},  {"FL", 7, 8},
}};

// Light to dark blue; t in [0, 1].
std::string shade(double t) {
  const double lo[3] = {0xde, 0xeb, 0xf7}, hi[3] = {0x08, 0x45, 0x94};
  int c[3];
  for (int k = 0; k < 3; ++k) c[k] = static_cast<int>(std::lround(lo[k] + (hi[k] - lo[k]) * t));
  return fmt::format("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
}

}  // namespace

std::string state_tile_map(const std::vector<Tile>& tiles, const std::string& title,
                           const std::string& legend,
                           const std::function<std::string(double)>& format) {
  constexpr double kSize = 54, kGap = 3, kCell = kSize + kGap;
  std::map<std::string, const Tile*> by_code;
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& t : tiles) {
    by_code[t.code] = &t;
    if (std::isfinite(t.value)) lo = std::min(lo, t.value), hi = std::max(hi, t.value);
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  std::vector<const Tile*> others;
  for (const auto& t : tiles) {
    const bool placed = std::any_of(kPlaces.begin(), kPlaces.end(),
                                    [&](const Place& p) { return t.code == p.code; });
    if (!placed) others.push_back(&t);
  }
  const double grid_h = 8 * kCell;
  const double width = 11 * kCell, height = grid_h + 40 + 16 * static_cast<double>(others.size());
  std::string out = open_svg(width, height, title);
  for (const auto& p : kPlaces) {
    const double x = p.col * kCell, y = p.row * kCell;
    const auto found = by_code.find(p.code);
    if (found == by_code.end()) {
      out += fmt::format(
          "<rect class=\"tile-empty\" x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{2}\"/>", num(x),
          num(y), num(kSize));
      out += text(x + kSize / 2, y + 22, p.code, "middle", "tile-code");
      continue;
    }
    const Tile& t = *found->second;
    const double f = hi > lo ? (t.value - lo) / (hi - lo) : 0.5;
    const bool dark = f > 0.55;
    out += fmt::format(
        "<rect class=\"mark\" x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{2}\" "
        "fill=\"{3}\"><title>{4}: "
        "{5}</title></rect>",
        num(x), num(y), num(kSize), shade(std::clamp(f, 0.0, 1.0)), escape(t.code), escape(t.text));
    out += text(x + kSize / 2, y + 22, t.code, "middle", dark ? "tile-code light" : "tile-code");
    out += text(x + kSize / 2, y + 40, t.text, "middle", dark ? "tile-text light" : "tile-text");
  }
  // Legend: five steps from the lowest to the highest value.
  const double ly = grid_h + 8;
  out += text(0, ly + 12, legend, "start", "legend");
  const double lx = text_width(legend) + 12;
  for (int k = 0; k < 5; ++k) {
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"28\" height=\"14\" fill=\"{}\"/>",
                       num(lx + 28 * k), num(ly + 1), shade(k / 4.0));
  }
  out +=
      text(lx + 146, ly + 12, fmt::format("{} to {}", format(lo), format(hi)), "start", "legend");
  for (size_t i = 0; i < others.size(); ++i) {
    out += text(0, ly + 30 + 16 * static_cast<double>(i),
                fmt::format("{} (not on the map): {}", others[i]->code, others[i]->text), "start",
                "note");
  }
  return out + "</svg>\n";
}

}  // namespace adlake::report::svg
