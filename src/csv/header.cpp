#include "adlake/csv/header.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/core/log.hpp"
#include "adlake/core/log_safe.hpp"
#include "adlake/csv/record_parser.hpp"

namespace adlake::csv {

namespace {

std::string normalized_name(std::string_view name) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
  while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
  std::string folded(name);
  std::transform(folded.begin(), folded.end(), folded.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return folded;
}

}  // namespace

HeaderMap map_header(std::string_view first_line, std::span<const std::string_view> required,
                     std::string_view file) {
  const std::string where(file);
  const std::string_view line = strip_bom(first_line);
  if (is_blank_line(line)) throw DataError(where + ": no header row (the first line is empty)");
  RecordParser parser;
  if (auto reason = parser.split(line)) {
    throw DataError(where + ": malformed header row (" + std::string(reject_reason_name(*reason)) +
                    ")");
  }
  const auto& names = parser.fields();
  constexpr std::size_t kMissing = static_cast<std::size_t>(-1);
  HeaderMap map;
  map.field_count = names.size();
  map.field_of_column.assign(required.size(), kMissing);
  for (std::size_t field = 0; field < names.size(); ++field) {
    const std::string name = normalized_name(names[field]);
    const auto it = std::find(required.begin(), required.end(), name);
    if (it == required.end()) {
      map.extra_columns.push_back(log_safe(names[field]));
      continue;
    }
    auto& slot = map.field_of_column[static_cast<std::size_t>(it - required.begin())];
    if (slot != kMissing)
      throw DataError(where + ": header names column '" + log_safe(name) + "' twice");
    slot = field;
  }
  for (std::size_t column = 0; column < required.size(); ++column) {
    if (map.field_of_column[column] == kMissing) {
      throw DataError(where + ": header lacks required column '" + std::string(required[column]) +
                      "'");
    }
  }
  return map;
}

}  // namespace adlake::csv
