// Text helpers of the report: escaping and number formats.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "adlake/report/html.hpp"
#include "adlake/report/sections.hpp"

using namespace adlake::report;

TEST_CASE("escape makes any text safe in elements and quoted attributes") {
  CHECK(escape("<a href=\"x\">Tom & Jerry's</a>") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  CHECK(escape("caf\xC3\xA9") == "caf\xC3\xA9");                            // valid UTF-8 kept
  CHECK(escape("bad\xFF") == "bad\xEF\xBF\xBD");                            // stray byte replaced
  CHECK(escape("\xE0\x80\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong form
  CHECK(escape(std::string("a\0b", 3)) ==
        "a\xEF\xBF\xBD"
        "b");  // control characters
  CHECK(escape("line\nnext\ttab") == "line\nnext\ttab");
}

TEST_CASE("numbers for people") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_count(-1234567) == "-1,234,567");
  CHECK(format_count(std::numeric_limits<int64_t>::min()) == "-9,223,372,036,854,775,808");
  CHECK(format_usd(10'009'451'210) == "$10,009.45");
  CHECK(format_usd(5'000) == "$0.0050");
  CHECK(format_usd(0) == "$0.00");
  CHECK(format_usd(-2'500'000) == "-$2.50");
  CHECK(format_usd_short(9'876'543'210) == "$9.9k");
  CHECK(format_usd_short(2'500'000'000'000) == "$2.5M");
  CHECK(format_usd_short(123'000'000) == "$123");
  CHECK(format_percent(0.09) == "9.00%");
  CHECK(format_percent(0.123456, 1) == "12.3%");
  CHECK(format_percent(NAN) == "n/a");
  CHECK(format_fixed(0.77123, 4) == "0.7712");
  CHECK(format_number(1050) == "1,050");
  CHECK(format_number(0.12345) == "0.1235");
  CHECK(format_number(1e-5) == "1.00e-05");
}

TEST_CASE("tables escape every cell and align numeric columns") {
  HtmlTable t({"name", "n"}, {1});
  t.rows.push_back({"<x>", "3"});
  const std::string html = render_table(t);
  CHECK(html.find("<td>&lt;x&gt;</td><td class=\"num\">3</td>") != std::string::npos);
  CHECK(html.find("<th class=\"num\">n</th>") != std::string::npos);
  CHECK(unavailable("gold.h5 is missing") ==
        "<p class=\"missing\">not available: gold.h5 is missing</p>\n");
}
