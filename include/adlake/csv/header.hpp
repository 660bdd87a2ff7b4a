#pragma once
// A CSV file's header row matched against an entity's columns (CONTRACT 1):
// names are trimmed and ASCII case folded, in any order; extra columns are
// ignored; a missing column is fatal.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adlake::csv {

struct HeaderMap {
  // Fields in the header: every data line must have as many (2.2 field_count).
  std::size_t field_count = 0;
  // For each required column, in the order given, its field index in the file.
  std::vector<std::size_t> field_of_column;
  // Names of the header's fields that are not required columns, as
  // core/log_safe.hpp shows them: a header is input, and goes into the log.
  std::vector<std::string> extra_columns;
};

// Maps the first line of `file` (without its LF or CRLF; a BOM is allowed) to
// the `required` column names (lower case). Throws DataError naming the file
// when the header is missing (an empty or blank first line), is not valid
// UTF-8, has an unterminated quote, names a required column twice, or lacks
// one; the message names the column.
HeaderMap map_header(std::string_view first_line, std::span<const std::string_view> required,
                     std::string_view file);

}  // namespace adlake::csv
