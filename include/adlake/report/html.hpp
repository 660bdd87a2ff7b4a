#pragma once
// Text helpers of the HTML report: escaping of everything that
// comes from data, number formatting for people, and small HTML tables.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adlake::report {

// Escapes & < > " ' so that any text is safe inside an element or a quoted
// attribute (HTML and SVG alike). Bytes that are not valid UTF-8 become U+FFFD,
// so a stray byte in a name cannot break the page's encoding.
std::string escape(std::string_view text);

// 1234567 -> "1,234,567".
std::string format_count(int64_t n);
// Micros of USD -> "$1,234.57" (two decimals; "$0.0012" style for tiny amounts).
std::string format_usd(double micros);
// 0.01234 -> "1.23%"; NaN -> "n/a".
std::string format_percent(double ratio, int decimals = 2);
// A plain number with `decimals` digits after the point; NaN -> "n/a".
std::string format_fixed(double value, int decimals = 4);
// A number in the fewest characters that keep 4 significant digits
// (0.1234, 12.35, 1,235, 1.2e-05).
std::string format_number(double value);

// A table: header cells and rows of cells, all text escaped here. Columns
// listed in `numeric` are right-aligned.
struct HtmlTable {
  HtmlTable(std::vector<std::string> header_cells, std::vector<size_t> numeric_columns = {})
      : header(std::move(header_cells)), numeric(std::move(numeric_columns)) {}
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> numeric;
  std::string css_class = "data";
  std::string caption;
};
std::string render_table(const HtmlTable& table);

// `<p class="missing">not available: ...</p>`.
std::string unavailable(std::string_view why);

}  // namespace adlake::report
