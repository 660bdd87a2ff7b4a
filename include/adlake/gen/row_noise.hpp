#pragma once
// Noise every entity shares: padded or quoted fields, rows logged twice (as
// they were, or re-logged in other spellings), malformed and blank lines.
#include <cstdint>

#include "adlake/gen/csv_writer.hpp"
#include "adlake/gen/noise_picker.hpp"

namespace adlake::gen {

// Pads or quotes at most one field of the row.
void apply_cosmetic(Row& row, NoisePicker& picker, double scale);

// How to re-log a row so that it cleans to the same values: columns whose
// case does not matter are upper-cased, the timestamp is written in another form.
struct Relog {
  uint32_t recase_columns = 0;  // bit mask of contract columns
  int ts_column = -1;
  int64_t ts = 0;
};

// Writes the row's duplicates, a malformed copy and a blank line, each when
// the picker says so.
void write_row_noise(CsvWriter& writer, const Row& row, NoisePicker& picker, const Relog& relog);

}  // namespace adlake::gen
