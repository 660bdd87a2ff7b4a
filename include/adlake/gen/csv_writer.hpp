#pragma once
// A CSV formatter writing straight into a large byte buffer: no iostream or
// printf per field, since the generator's output runs to gigabytes. It also
// renders the file-level and line-level quirks of CONTRACT 1 and 2.2: BOM,
// CRLF, missing final newline, reordered and extra columns, padded and quoted
// fields, blank lines and malformed lines of each kind.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "adlake/gen/entities.hpp"
#include "adlake/gen/rng.hpp"

namespace adlake::gen {

// How a field's value is dressed; every form cleans back to the value.
enum class Cosmetic : uint8_t {
  None,
  PadLeft,         // " value"
  PadRight,        // "value\t"
  PadBoth,         // "  value \t"
  Quoted,          // "\"value\""
  QuotedPadded,    // "\" value\t\""
  QuotedTrailing,  // "\"value\"  " (bytes after the closing quote are kept, then trimmed)
  kCount
};

// One row's values in contract column order.
struct Row {
  std::array<std::string, kMaxColumns> field;
  std::array<Cosmetic, kMaxColumns> cosmetic{};
  std::array<bool, kMaxColumns> raw{};  // written verbatim, never quoted by the writer
  int size = 0;

  void reset(int columns) {
    size = columns;
    for (int i = 0; i < columns; ++i) {
      field[i].clear();
      cosmetic[i] = Cosmetic::None;
      raw[i] = false;
    }
  }
};

struct FileStyle {
  bool bom = false;
  bool crlf = false;
  bool final_newline = true;
  bool odd_header = false;  // header names in other case, padded
  int columns = 0;
  std::array<int, kMaxColumns> order{};  // file position -> contract column
  int extra_position = -1;               // file position of an extra column, -1: none
};

enum class Malformed : uint8_t {
  FewerFields,
  MoreFields,
  UnterminatedQuote,
  TooLong,
  TooLongQuoted,
  Latin1,
  InvalidByte,
  TruncatedUtf8,
  EncodingAndQuote,  // both faults: the reason is invalid_encoding (CONTRACT 2.5)
  kCount
};

enum class Blank : uint8_t { Empty, Spaces, Tab, Mixed, kCount };

class CsvWriter {
 public:
  // Writes the BOM (if any) and the header.
  CsvWriter(std::string& out, const FileStyle& style, std::span<const std::string_view> names);

  void write(const Row& row);
  // A duplicate logged again later (at-least-once delivery).
  void write_later(const Row& row);
  // Emits the pending duplicates with probability p.
  void release_pending(Rng& rng, double p);
  void write_malformed(const Row& row, Malformed kind);
  void write_blank(Blank kind);
  // Emits what is pending and applies the final-newline style.
  void finish();

  uint64_t data_lines() const { return lines_; }

 private:
  void emit(std::string& dst, const Row& row, int skip_last, bool unterminated_last);
  void end_line(std::string& dst);

  std::string& out_;
  const FileStyle& style_;
  std::string pending_;
  uint64_t pending_lines_ = 0;
  uint64_t lines_ = 0;
};

// Appends `value` as one CSV field in form `c`, quoting it if it must be.
void append_field(std::string& out, std::string_view value, Cosmetic c);

}  // namespace adlake::gen
