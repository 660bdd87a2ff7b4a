// The bronze record parser against CONTRACT 2.2 and 2.5.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "adlake/csv/record_parser.hpp"
#include "adlake/csv/utf8.hpp"

using adlake::csv::is_blank_line;
using adlake::csv::is_valid_utf8;
using adlake::csv::kMaxFieldBytes;
using adlake::csv::RecordParser;
using adlake::csv::RejectReason;
using adlake::csv::strip_bom;

namespace {

std::vector<std::string> split_ok(RecordParser& parser, std::string_view line) {
  const auto reason = parser.split(line);
  REQUIRE_FALSE(reason.has_value());
  return {parser.fields().begin(), parser.fields().end()};
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("unquoted fields are split on commas, empty fields kept") {
  RecordParser parser;
  CHECK(split_ok(parser, "a,b,c") == Fields{"a", "b", "c"});
  CHECK(split_ok(parser, "a,,c") == Fields{"a", "", "c"});
  CHECK(split_ok(parser, ",") == Fields{"", ""});
  CHECK(split_ok(parser, "a,") == Fields{"a", ""});
  CHECK(split_ok(parser, ",a") == Fields{"", "a"});
  CHECK(split_ok(parser, "single") == Fields{"single"});
  CHECK(split_ok(parser, "") == Fields{""});
}

TEST_CASE("values are not trimmed") {
  RecordParser parser;
  CHECK(split_ok(parser, " a , b\t,\tc ") == Fields{" a ", " b\t", "\tc "});
}

TEST_CASE("quoted fields: commas inside, doubled quotes, empty quoted value") {
  RecordParser parser;
  CHECK(split_ok(parser, R"("a,b",c)") == Fields{"a,b", "c"});
  CHECK(split_ok(parser, R"(x,"say ""hi""",y)") == Fields{"x", R"(say "hi")", "y"});
  CHECK(split_ok(parser, R"("",a)") == Fields{"", "a"});
  CHECK(split_ok(parser, R"(a,"")") == Fields{"a", ""});
  CHECK(split_ok(parser, R"("""")") == Fields{"\""});
  CHECK(split_ok(parser, R"("""a""")") == Fields{"\"a\""});
  CHECK(split_ok(parser, R"("a""b""c",d)") == Fields{"a\"b\"c", "d"});
}

TEST_CASE("bytes after the closing quote are appended up to the next comma") {
  RecordParser parser;
  CHECK(split_ok(parser, R"("ab"c)") == Fields{"abc"});
  CHECK(split_ok(parser, R"("ab"c,d)") == Fields{"abc", "d"});
  CHECK(split_ok(parser, R"("a""b"c"d,e)") == Fields{"a\"bc\"d", "e"});
  CHECK(split_ok(parser, R"("ab" ,x)") == Fields{"ab ", "x"});
}

TEST_CASE("a quote inside an unquoted field is an ordinary byte") {
  RecordParser parser;
  CHECK(split_ok(parser, R"(a"b,c)") == Fields{"a\"b", "c"});
  CHECK(split_ok(parser, R"( "a,b")") == Fields{" \"a", "b\""});
  CHECK(split_ok(parser, R"(ab",c")") == Fields{"ab\"", "c\""});
}

TEST_CASE("values stay valid across fields built in the scratch buffer") {
  RecordParser parser;
  const Fields expected{"a\"", "plain", "b\"c", "x,y", "dz"};
  CHECK(split_ok(parser, R"("a""",plain,"b""c","x,y","d"z)") == expected);
  // A longer line after a short one: the scratch buffer grows between lines only.
  std::string long_line = "\"" + std::string(1000, 'q') + "\"\"\"" + ",z";
  const auto fields = split_ok(parser, long_line);
  REQUIRE(fields.size() == 2);
  CHECK(fields[0] == std::string(1000, 'q') + "\"");
  CHECK(fields[1] == "z");
}

TEST_CASE("unterminated quotes") {
  RecordParser parser;
  CHECK(parser.split(R"("abc)") == RejectReason::UnterminatedQuote);
  CHECK(parser.split(R"(a,"bc,d)") == RejectReason::UnterminatedQuote);
  CHECK(parser.split(R"(a,")") == RejectReason::UnterminatedQuote);
  CHECK(parser.split(R"(""")") == RejectReason::UnterminatedQuote);
  CHECK(parser.split(R"("ab"",c)") == RejectReason::UnterminatedQuote);
  CHECK(parser.split("\"ab\r") == RejectReason::UnterminatedQuote);
  // Closed quotes, then an unterminated one later in the line.
  CHECK(parser.split(R"("ok","fine"x,"broken)") == RejectReason::UnterminatedQuote);
}

TEST_CASE("field_count and field_too_long") {
  RecordParser parser;
  CHECK_FALSE(parser.parse("a,b,c", 3).has_value());
  CHECK(parser.parse("a,b", 3) == RejectReason::FieldCount);
  CHECK(parser.parse("a,b,c,d", 3) == RejectReason::FieldCount);
  CHECK(parser.parse(R"("a,b",c)", 3) == RejectReason::FieldCount);
  CHECK_FALSE(parser.parse(R"("a,b",c)", 2).has_value());

  const std::string at_limit(kMaxFieldBytes, 'x');
  const std::string over_limit(kMaxFieldBytes + 1, 'x');
  CHECK_FALSE(parser.parse("a," + at_limit, 2).has_value());
  CHECK(parser.parse("a," + over_limit, 2) == RejectReason::FieldTooLong);
  // The limit is on the unquoted value: 4096 bytes with quotes around, and
  // doubled quotes that unquote to 4096 bytes, are within it.
  CHECK_FALSE(parser.parse("\"" + at_limit + "\",b", 2).has_value());
  std::string doubled = "\"" + std::string(kMaxFieldBytes - 2, 'x') + "\"\"\"\"\"";
  CHECK_FALSE(parser.parse(doubled + ",b", 2).has_value());
  CHECK(parser.fields()[0].size() == kMaxFieldBytes);
  CHECK(parser.parse("\"" + over_limit + "\",b", 2) == RejectReason::FieldTooLong);
}

TEST_CASE("the reason is the first in the contract's order") {
  RecordParser parser;
  const std::string too_long(kMaxFieldBytes + 1, 'x');
  const std::string bad_byte = "\xFF";
  // encoding beats everything
  CHECK(parser.parse("\"" + bad_byte + ",b", 3) == RejectReason::InvalidEncoding);
  CHECK(parser.parse(too_long + bad_byte, 1) == RejectReason::InvalidEncoding);
  // unterminated quote beats field count and length
  CHECK(parser.parse("a,\"" + too_long, 5) == RejectReason::UnterminatedQuote);
  // field count beats length
  CHECK(parser.parse(too_long + ",b", 3) == RejectReason::FieldCount);
  CHECK(parser.parse(too_long + ",b", 2) == RejectReason::FieldTooLong);
}

TEST_CASE("invalid UTF-8 is rejected, valid multi-byte text is kept") {
  RecordParser parser;
  CHECK(split_ok(parser, "caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80") ==
        Fields{"caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"});
  CHECK(parser.split("a,\xC3") == RejectReason::InvalidEncoding);
  CHECK(parser.split("\x80,a") == RejectReason::InvalidEncoding);
  CHECK(parser.split("latin1 caf\xE9") == RejectReason::InvalidEncoding);
}

TEST_CASE("UTF-8 validation follows Unicode table 3-7") {
  // valid
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii text that is longer than sixteen bytes"));
  CHECK(is_valid_utf8("\x7F"));
  CHECK(is_valid_utf8("\xC2\x80"));
  CHECK(is_valid_utf8("\xDF\xBF"));
  CHECK(is_valid_utf8("\xE0\xA0\x80"));
  CHECK(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF
  CHECK(is_valid_utf8("\xEE\x80\x80"));      // U+E000
  CHECK(is_valid_utf8("\xEF\xBB\xBF"));      // BOM in the middle of text is text
  CHECK(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  CHECK(is_valid_utf8("0123456789abcdef\xC3\xA9 0123456789abcdef"));
  // invalid
  CHECK_FALSE(is_valid_utf8("\x80"));
  CHECK_FALSE(is_valid_utf8("\xBF"));
  CHECK_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xC2"));              // truncated
  CHECK_FALSE(is_valid_utf8("\xC2\x41"));          // bad continuation
  CHECK_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // overlong 3-byte
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
  CHECK_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // overlong 4-byte
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));  // truncated
  // a bad byte at every position of a long ASCII run is found
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(40, 'a');
    text[at] = '\xFE';
    CHECK_FALSE(is_valid_utf8(text));
  }
}

TEST_CASE("blank lines: only spaces, tabs and CRs") {
  CHECK(is_blank_line(""));
  CHECK(is_blank_line(" "));
  CHECK(is_blank_line("\t \r"));
  CHECK(is_blank_line("\r"));
  CHECK_FALSE(is_blank_line(","));
  CHECK_FALSE(is_blank_line(" a "));
  CHECK_FALSE(is_blank_line("\"\""));
  CHECK_FALSE(is_blank_line("\v"));
}

TEST_CASE("BOM stripping") {
  CHECK(strip_bom("\xEF\xBB\xBFid_md5,ts") == "id_md5,ts");
  CHECK(strip_bom("id_md5,ts") == "id_md5,ts");
  CHECK(strip_bom("\xEF\xBB") == "\xEF\xBB");
  CHECK(strip_bom("") == "");
}
