#pragma once
// The bronze record parser (CONTRACT 2.2, 2.5): splits one physical line into
// field values. It is the ingest hot path, so it allocates nothing per line
// once warm: unquoted values are views into the line, and values that need
// unquoting are written into a scratch buffer the parser owns.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/csv/reject_reason.hpp"

namespace adlake::csv {

// The longest unquoted value a bronze field may hold (CONTRACT 2.2).
inline constexpr std::size_t kMaxFieldBytes = 4096;

// A line of only spaces, tabs and CRs (an empty line included) is blank (2.5).
bool is_blank_line(std::string_view line);

// The line without a leading UTF-8 byte-order mark (EF BB BF), if it has one.
std::string_view strip_bom(std::string_view line);

class RecordParser {
 public:
  // Splits `line` (without its LF or CRLF) into fields. Returns the reason if
  // the line is not valid UTF-8 or has an unterminated quote; fields() is
  // meaningful only when it returns nullopt.
  std::optional<RejectReason> split(std::string_view line);

  // split(), then checks the record's shape: exactly `expected_fields` fields
  // and no value over kMaxFieldBytes. The reason is the first that applies in
  // the contract's order.
  std::optional<RejectReason> parse(std::string_view line, std::size_t expected_fields);

  // The values of the last line split, unquoted. Views into that line or into
  // this parser's scratch buffer: valid until the next call.
  const std::vector<std::string_view>& fields() const { return fields_; }

 private:
  std::vector<std::string_view> fields_;
  std::string scratch_;
  std::size_t longest_ = 0;
};

}  // namespace adlake::csv
