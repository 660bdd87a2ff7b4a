#pragma once
// The drawing primitives the charts share: an SVG element with its accessible
// title, text with estimated widths, and the palette.
#include <string>
#include <string_view>

namespace adlake::report::svg {

// `<svg class="chart" ...><title>...</title>`; close with "</svg>".
std::string open_svg(double width, double height, std::string_view title);

// Width in pixels of text at font-size 12 (an estimate: no fonts at hand).
double text_width(std::string_view text, double font_size = 12);

// Cuts text to at most `max_chars` code points, ending in an ellipsis.
std::string shorten(std::string_view text, size_t max_chars);

// <text> with escaped content. anchor: start, middle, end.
std::string text(double x, double y, std::string_view content, std::string_view anchor = "start",
                 std::string_view css_class = "");

// A number as an SVG coordinate (2 decimals, no exponent).
std::string num(double v);

}  // namespace adlake::report::svg
