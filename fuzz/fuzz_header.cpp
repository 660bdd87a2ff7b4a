// Fuzzes the header mapping (csv/header.hpp): it either throws a DataError
// that names the file, or maps every required column to a distinct field
// whose name is that column after trimming and ASCII case folding; the other
// fields are the extra columns.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/core/log_safe.hpp"
#include "adlake/csv/header.hpp"
#include "adlake/csv/schema.hpp"
#include "fuzz_check.hpp"
#include "reference_csv.hpp"

namespace {

std::string folded(std::string_view name) {
  const auto first = name.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  name = name.substr(first, name.find_last_not_of(" \t") - first + 1);
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first byte picks the entity, the rest is the first line of the file.
  if (size == 0) return 0;
  const auto entities = adlake::csv::bronze_entities();
  const auto& entity = entities[data[0] % entities.size()];
  const std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
  constexpr std::string_view kFile = "requests/part-7.csv";

  adlake::csv::HeaderMap map;
  try {
    map = adlake::csv::map_header(line, entity.columns, kFile);
  } catch (const adlake::DataError& e) {
    FUZZ_CHECK(std::string_view(e.what()).substr(0, kFile.size()) == kFile);
    return 0;
  }

  std::string_view body = line;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  std::vector<std::string> names;
  FUZZ_CHECK(!adlake::fuzz::reference_split(body, names).has_value());
  FUZZ_CHECK(map.field_count == names.size());
  FUZZ_CHECK(map.field_of_column.size() == entity.columns.size());
  std::vector<bool> used(names.size(), false);
  for (std::size_t c = 0; c < entity.columns.size(); ++c) {
    const std::size_t field = map.field_of_column[c];
    FUZZ_CHECK(field < names.size());
    FUZZ_CHECK(!used[field]);
    used[field] = true;
    FUZZ_CHECK(folded(names[field]) == entity.columns[c]);
  }
  FUZZ_CHECK(map.extra_columns.size() + entity.columns.size() == names.size());
  std::size_t extra = 0;
  for (std::size_t f = 0; f < names.size(); ++f) {
    if (used[f]) continue;
    // Extra names are kept for the warning, made safe to log.
    FUZZ_CHECK(map.extra_columns[extra++] == adlake::log_safe(names[f]));
    // An unused field never names a required column (it would be a duplicate).
    FUZZ_CHECK(std::find(entity.columns.begin(), entity.columns.end(), folded(names[f])) ==
               entity.columns.end());
  }
  return 0;
}
