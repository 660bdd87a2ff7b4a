// The SVG chart module: marks per datum, escaping, scales, empty and odd data.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "adlake/report/svg.hpp"
#include "adlake/report/svg_canvas.hpp"

using namespace adlake::report::svg;

namespace {
size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("bar chart: one mark per finite value, labels escaped, widths proportional") {
  const std::string svg = bar_chart({{"a<b", 10, "ten"}, {"c", 5, ""}, {"nan", NAN, "n/a"}},
                                    {"T & T", 500, 18, "#123456"});
  CHECK(svg.rfind("<svg class=\"chart\"", 0) == 0);
  CHECK(svg.find("<title>T &amp; T</title>") != std::string::npos);
  CHECK(count(svg, "class=\"mark\"") == 2);
  CHECK(svg.find("a&lt;b") != std::string::npos);
  CHECK(svg.find("a<b") == std::string::npos);
  CHECK(svg.find(">5</text>") != std::string::npos);  // value shown when no text is given
  // The bar of 5 is half as wide as the bar of 10.
  const auto width_of = [&](size_t nth) {
    size_t at = 0;
    for (size_t i = 0; i <= nth; ++i) at = svg.find("<rect class=\"mark\"", at + 1);
    const size_t w = svg.find("width=\"", at) + 7;
    return std::stod(svg.substr(w, svg.find('"', w) - w));
  };
  CHECK(width_of(1) == doctest::Approx(width_of(0) / 2).epsilon(0.01));
}

TEST_CASE("bar chart with negative values draws a zero line") {
  const std::string svg = bar_chart({{"up", 0.04, ""}, {"down", -0.01, ""}}, {"x"});
  CHECK(count(svg, "class=\"mark\"") == 2);
  CHECK(svg.find("class=\"axis\"") != std::string::npos);
}

TEST_CASE("line chart: a path per series, markers, dashed references, legend") {
  LineChartOptions o{"ROC", {"fpr", 0, 1}, {"tpr", 0, 1}, 400, 300};
  const std::string svg = line_chart({{"model", {0, 0.5, 1}, {0, 0.8, 1}, "", true},
                                      {"chance", {0, 1}, {0, 1}, "#999", false, true}},
                                     o);
  CHECK(count(svg, "<path class=\"mark\"") == 1);
  CHECK(count(svg, "<circle class=\"mark\"") == 3);
  CHECK(count(svg, "<path class=\"reference\"") == 1);
  CHECK(svg.find(">model</text>") != std::string::npos);
  CHECK(svg.find(">chance</text>") != std::string::npos);
  CHECK(svg.find("nan") == std::string::npos);
}

TEST_CASE("line chart skips points that are not finite") {
  LineChartOptions o{"t", {"x"}, {"y", kAuto, kAuto, true}};
  const std::string svg = line_chart({{"s", {0, 1, 2}, {0.1, NAN, 0.3}, {}}}, o);
  CHECK(count(svg, " L") == 1);
  CHECK(svg.find("%</text>") != std::string::npos);  // percent ticks
}

TEST_CASE("funnel: bars shrink with the steps and show the conversion") {
  const std::string svg =
      funnel_chart({{"requests", 1000, ""}, {"clicks", 50, ""}, {"installs", 0, ""}}, "f");
  CHECK(count(svg, "class=\"mark\"") == 3);
  CHECK(svg.find("5.00% of requests") != std::string::npos);
  CHECK(svg.find("0.00% of clicks") != std::string::npos);
}

TEST_CASE("tile map: a tile per state with data, grey tiles for the rest, others listed") {
  const std::string svg =
      state_tile_map({{"CA", 3, "$3"}, {"TX", 1, "$1"}, {"UNK", 2, "$2"}}, "m", "revenue",
                     [](double v) { return std::to_string(static_cast<int>(v)); });
  CHECK(count(svg, "class=\"mark\"") == 2);
  CHECK(count(svg, "class=\"tile-empty\"") == 49);
  CHECK(svg.find("UNK (not on the map): $2") != std::string::npos);
  CHECK(svg.find("1 to 3") != std::string::npos);
}

TEST_CASE("column graph: a box per node, an edge per known pair") {
  const std::string svg =
      column_graph({{"a", "raw", 0}, {"b", "<t>", 1}, {"c", "rejects", 1, true}},
                   {{"a", "b"}, {"a", "c"}, {"a", "missing"}}, {"raw", "bronze"}, "g");
  CHECK(count(svg, "class=\"mark node") == 3);
  CHECK(count(svg, "class=\"edge\"") == 2);
  CHECK(svg.find("&lt;t&gt;") != std::string::npos);
}

TEST_CASE("nice ticks") {
  const auto unit = nice_ticks(0, 1, 5);
  REQUIRE(unit.size() == 6);
  for (size_t i = 0; i < unit.size(); ++i)
    CHECK(unit[i] == doctest::Approx(0.2 * static_cast<double>(i)));
  CHECK(nice_ticks(0, 23, 6) == std::vector<double>{0, 5, 10, 15, 20});
  CHECK(nice_ticks(0, 0.137, 5).back() == doctest::Approx(0.1));  // step 0.05
  CHECK(nice_ticks(2, 2).size() == 1);
  CHECK(nice_ticks(0, NAN).empty());
}

TEST_CASE("nice ticks end for any finite values") {
  // Each case once made the tick loop run forever or overflow (a chart of a
  // layer's values: a span of denormals, a span near the doubles' limits).
  const double tiny = std::numeric_limits<double>::denorm_min();
  const double big = std::numeric_limits<double>::max();
  const std::vector<std::pair<double, double>> spans{{0, tiny},
                                                     {tiny, 2 * tiny},
                                                     {-tiny, tiny},
                                                     {-big, big},
                                                     {0, big},
                                                     {-big, -big / 2},
                                                     {1e300, 1e300 * (1 + 1e-15)},
                                                     {1.0, std::nextafter(1.0, 2.0)},
                                                     {-1e-310, 1e-310},
                                                     {0.3, 0.3},
                                                     {1e18, 1e18 + 4096}};
  for (const auto& [lo, hi] : spans) {
    CAPTURE(lo);
    CAPTURE(hi);
    for (int target : {-3, 0, 1, 5, 1000}) {
      const auto ticks = nice_ticks(lo, hi, target);
      REQUIRE_FALSE(ticks.empty());
      CHECK(ticks.size() <= 4u * static_cast<unsigned>(std::max(target, 1)) + 3);
      for (double t : ticks) {
        CHECK(std::isfinite(t));
        CHECK(t >= lo - (hi - lo) * 1e-6 - tiny);
        CHECK(t <= hi + (hi - lo) * 1e-6 + tiny);
      }
    }
  }
}

TEST_CASE("shorten keeps whole UTF-8 characters") {
  CHECK(shorten("abcdef", 4) == "abc\u2026");
  CHECK(shorten("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xC3\xA9\u2026");
  CHECK(shorten("abc", 3) == "abc");
  CHECK(num(1.005) == "1");
  CHECK(num(-0.001) == "0");
  CHECK(num(12.5) == "12.5");
}
