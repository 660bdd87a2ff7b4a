#pragma once
// Inline SVG charts of the report, drawn here so the page needs
// nothing from the network. Every chart is an `<svg class="chart">` whose data
// marks carry class "mark" (the render test counts them); all text from data
// is escaped. A chart is only drawn over data: callers show a note instead
// when there is none.
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace adlake::report::svg {

// Categorical palette (Okabe-Ito: colour-blind safe).
const std::string& palette(size_t i);

inline constexpr double kAuto = std::numeric_limits<double>::quiet_NaN();

// Horizontal bars, one per row, labels on the left and the value's text at the
// end of the bar. Negative values grow left of a zero line.
struct Bar {
  std::string label;
  double value = 0;
  std::string text;  // shown beside the bar; the value when empty
};
struct BarChartOptions {
  std::string title;  // the chart's accessible name (<title>)
  int width = 560;
  int bar_height = 18;
  std::string color = "#3b6ea5";
};
std::string bar_chart(const std::vector<Bar>& bars, const BarChartOptions& options);

// Lines over a numeric x axis, with optional point markers and a legend.
struct Series {
  std::string name;
  std::vector<double> x, y;
  std::string color;  // a palette colour when empty
  bool markers = false;
  bool dashed = false;  // reference lines (chance, perfect calibration)
};
struct Axis {
  std::string label;
  double min = kAuto, max = kAuto;  // from the data (and 0) when NaN
  bool percent = false;             // tick labels as percentages of 1
};
struct LineChartOptions {
  std::string title;
  Axis x, y;
  int width = 460;
  int height = 320;
};
std::string line_chart(const std::vector<Series>& series, const LineChartOptions& options);

// A funnel: centred bars whose widths are the step values (linear), each with
// its value, and the conversion from the step above.
struct FunnelStep {
  std::string label;
  double value = 0;
  std::string text;
};
std::string funnel_chart(const std::vector<FunnelStep>& steps, const std::string& title,
                         int width = 640);

// The 50 states and DC as a tile grid shaped like the map of the USA, each
// tile shaded by its value and labelled with its code and text. Tiles without
// data are grey; codes that are not states (UNK) are listed under the grid.
struct Tile {
  std::string code;  // USPS code
  double value = 0;
  std::string text;
};
// `format` writes the legend's lowest and highest values.
std::string state_tile_map(const std::vector<Tile>& tiles, const std::string& title,
                           const std::string& legend,
                           const std::function<std::string(double)>& format);

// A left-to-right graph in columns (raw -> bronze -> silver -> gold -> model):
// boxes with a label, edges from a node to the nodes made from it.
struct GraphNode {
  std::string id;
  std::string label;
  int column = 0;
  bool dim = false;  // e.g. rejects tables
};
std::string column_graph(const std::vector<GraphNode>& nodes,
                         const std::vector<std::pair<std::string, std::string>>& edges,
                         const std::vector<std::string>& column_titles, const std::string& title);

// Evenly spaced "nice" tick values (1, 2, 2.5, 5 x 10^k) covering [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

}  // namespace adlake::report::svg
