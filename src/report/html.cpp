#include "adlake/report/html.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>

namespace adlake::report {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one.
size_t utf8_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  size_t n = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong 3/4-byte forms, surrogates and code points above U+10FFFF.
  if (c == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (c == 0xED && byte(i + 1) >= 0xA0) return 0;
  if (c == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (c == 0xF4 && byte(i + 1) >= 0x90) return 0;
  return n;
}

std::string group_thousands(std::string digits) {
  std::string out;
  const size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out += digits.substr(0, first);
  for (size_t i = first; i < digits.size(); i += 3) {
    out += ',';
    out += digits.substr(i, 3);
  }
  return out;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&#39;";
        ++i;
        continue;
      default:
        break;
    }
    const size_t n = utf8_length(text, i);
    const auto u = static_cast<unsigned char>(c);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else if (n == 1 && u < 0x20 && c != '\n' && c != '\t') {
      out += "\xEF\xBF\xBD";  // control characters are not allowed in XML (SVG)
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string format_count(int64_t n) {
  if (n < 0) {
    // Appended, not `"-" + string`: GCC 12 warns falsely (-Wrestrict) on that.
    std::string out = "-";
    out += group_thousands(std::to_string(0 - static_cast<uint64_t>(n)));
    return out;
  }
  return group_thousands(std::to_string(n));
}

std::string format_usd(double micros) {
  if (!std::isfinite(micros)) return "n/a";
  const double dollars = micros / 1e6;
  const double magnitude = std::fabs(dollars);
  const std::string sign = dollars < 0 ? "-" : "";
  if (magnitude > 0 && magnitude < 0.01) return fmt::format("{}${:.4f}", sign, magnitude);
  const auto cents = static_cast<int64_t>(std::llround(magnitude * 100));
  return fmt::format("{}${}.{:02d}", sign, format_count(cents / 100), cents % 100);
}

std::string format_percent(double ratio, int decimals) {
  if (!std::isfinite(ratio)) return "n/a";
  return fmt::format("{:.{}f}%", ratio * 100, decimals);
}

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  return fmt::format("{:.{}f}", value, decimals);
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "n/a";
  const double magnitude = std::fabs(value);
  if (value == std::floor(value) && magnitude < 1e15) {
    return format_count(static_cast<int64_t>(value));
  }
  if (magnitude >= 1000) return format_count(static_cast<int64_t>(std::llround(value)));
  if (magnitude >= 0.001) return fmt::format("{:.4g}", value);
  return fmt::format("{:.2e}", value);
}

std::string render_table(const HtmlTable& table) {
  const auto is_numeric = [&](size_t column) {
    return std::find(table.numeric.begin(), table.numeric.end(), column) != table.numeric.end();
  };
  std::string out = fmt::format("<table class=\"{}\">", escape(table.css_class));
  if (!table.caption.empty()) out += "<caption>" + escape(table.caption) + "</caption>";
  out += "<thead><tr>";
  for (size_t c = 0; c < table.header.size(); ++c) {
    out += is_numeric(c) ? "<th class=\"num\">" : "<th>";
    out += escape(table.header[c]) + "</th>";
  }
  out += "</tr></thead><tbody>";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (size_t c = 0; c < row.size(); ++c) {
      out += is_numeric(c) ? "<td class=\"num\">" : "<td>";
      out += escape(row[c]) + "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>\n";
  return out;
}

std::string unavailable(std::string_view why) {
  return "<p class=\"missing\">not available: " + escape(why) + "</p>\n";
}

}  // namespace adlake::report
