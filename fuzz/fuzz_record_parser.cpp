// Fuzzes the bronze record parser (csv/record_parser.hpp) against the
// reference of reference_csv.hpp: same verdict, same fields, the reason of
// parse() chosen in the contract's priority order, and a round trip through
// a re-encoded line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/csv/record_parser.hpp"
#include "adlake/csv/utf8.hpp"
#include "fuzz_check.hpp"
#include "reference_csv.hpp"

using adlake::csv::RecordParser;
using adlake::csv::RejectReason;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first byte picks the expected field count, the rest is the line.
  if (size == 0) return 0;
  const std::size_t expected = data[0] % 12;
  const std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);

  FUZZ_CHECK(adlake::csv::is_valid_utf8(line) == adlake::fuzz::reference_utf8(line));
  FUZZ_CHECK(adlake::csv::is_blank_line(line) ==
             (line.find_first_not_of(" \t\r") == std::string_view::npos));
  const std::string_view unbommed = adlake::csv::strip_bom(line);
  FUZZ_CHECK(unbommed.size() == line.size() ||
             (unbommed.size() + 3 == line.size() && line.substr(0, 3) == "\xEF\xBB\xBF"));

  std::vector<std::string> ref;
  const auto ref_reason = adlake::fuzz::reference_split(line, ref);

  RecordParser parser;
  const auto reason = parser.split(line);
  if (ref_reason == adlake::fuzz::RefReason::kEncoding) {
    FUZZ_CHECK(reason == RejectReason::InvalidEncoding);
  } else if (ref_reason == adlake::fuzz::RefReason::kQuote) {
    FUZZ_CHECK(reason == RejectReason::UnterminatedQuote);
  } else {
    FUZZ_CHECK(!reason.has_value());
    const auto& fields = parser.fields();
    FUZZ_CHECK(fields.size() == ref.size());
    for (std::size_t i = 0; i < ref.size(); ++i) FUZZ_CHECK(fields[i] == ref[i]);
  }

  // parse(): the first reason that applies, in the contract's order.
  const auto parsed = parser.parse(line, expected);
  if (reason) {
    FUZZ_CHECK(parsed == reason);
  } else if (ref.size() != expected) {
    FUZZ_CHECK(parsed == RejectReason::FieldCount);
  } else {
    bool too_long = false;
    for (const auto& v : ref) too_long = too_long || v.size() > adlake::csv::kMaxFieldBytes;
    FUZZ_CHECK(parsed == (too_long ? std::optional(RejectReason::FieldTooLong) : std::nullopt));
  }
  if (parsed) FUZZ_CHECK(static_cast<std::size_t>(*parsed) < adlake::csv::kRejectReasonCount);

  // Round trip: the values, re-encoded as CSV, split back into themselves.
  if (!reason) {
    const std::string again = adlake::fuzz::encode_line(ref);
    RecordParser second;
    FUZZ_CHECK(!second.split(again).has_value());
    FUZZ_CHECK(second.fields().size() == ref.size());
    for (std::size_t i = 0; i < ref.size(); ++i) FUZZ_CHECK(second.fields()[i] == ref[i]);
  }

  // A parser reused across lines gives the same answer as a fresh one (the
  // scratch buffer must not leak values from the previous line).
  RecordParser reused;
  (void)reused.split("\"warm\"\"up\",\"x\"y,,\"\"");
  FUZZ_CHECK(reused.split(line) == reason);
  if (!reason) {
    for (std::size_t i = 0; i < ref.size(); ++i) FUZZ_CHECK(reused.fields()[i] == ref[i]);
  }
  return 0;
}
