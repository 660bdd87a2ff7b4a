#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <map>

#include "adlake/report/html.hpp"
#include "adlake/report/svg.hpp"
#include "adlake/report/svg_canvas.hpp"

namespace adlake::report::svg {

std::string column_graph(const std::vector<GraphNode>& nodes,
                         const std::vector<std::pair<std::string, std::string>>& edges,
                         const std::vector<std::string>& column_titles, const std::string& title) {
  constexpr double kColW = 232, kBoxW = 200, kBoxH = 22, kRowH = 28, kTop = 26;
  const size_t columns = std::max<size_t>(column_titles.size(), 1);
  struct Box {
    double x, y;
  };
  std::map<std::string, Box> boxes;
  std::vector<int> filled(columns, 0);
  for (const auto& n : nodes) {
    const size_t c = std::min<size_t>(static_cast<size_t>(std::max(0, n.column)), columns - 1);
    boxes[n.id] = {static_cast<double>(c) * kColW, kTop + kRowH * filled[c]++};
  }
  const double height = kTop + kRowH * *std::max_element(filled.begin(), filled.end()) + 4;
  std::string out = open_svg(kColW * static_cast<double>(columns), height, title);
  for (size_t c = 0; c < column_titles.size(); ++c) {
    out += text(static_cast<double>(c) * kColW + kBoxW / 2, 14, column_titles[c], "middle",
                "column-title");
  }
  for (const auto& [from, to] : edges) {
    const auto a = boxes.find(from), b = boxes.find(to);
    if (a == boxes.end() || b == boxes.end()) continue;
    const double x1 = a->second.x + kBoxW, y1 = a->second.y + kBoxH / 2;
    const double x2 = b->second.x, y2 = b->second.y + kBoxH / 2;
    const double bend = std::max(20.0, (x2 - x1) / 2);
    out += fmt::format("<path class=\"edge\" d=\"M{},{} C{},{} {},{} {},{}\"/>", num(x1), num(y1),
                       num(x1 + bend), num(y1), num(x2 - bend), num(y2), num(x2), num(y2));
  }
  for (const auto& n : nodes) {
    const Box& b = boxes[n.id];
    out += fmt::format(
        "<rect class=\"mark node{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "rx=\"4\"><title>{}</title></rect>",
        n.dim ? " dim" : "", num(b.x), num(b.y), num(kBoxW), num(kBoxH), escape(n.label));
    out += text(b.x + 6, b.y + 15, shorten(n.label, 32), "start", "node-label");
  }
  return out + "</svg>\n";
}

}  // namespace adlake::report::svg
