#include "adlake/gen/row_noise.hpp"

#include "adlake/gen/time_format.hpp"
#include "adlake/gen/variants.hpp"

namespace adlake::gen {

void apply_cosmetic(Row& row, NoisePicker& picker, double scale) {
  constexpr int kForms = static_cast<int>(Cosmetic::kCount) - 1;
  const int v = picker.pick(row.size * kForms, scale);
  if (v < 0) return;
  const int column = v / kForms;
  if (row.raw[column]) return;
  row.cosmetic[column] = static_cast<Cosmetic>(1 + v % kForms);
}

void write_row_noise(CsvWriter& writer, const Row& row, NoisePicker& picker, const Relog& relog) {
  // At-least-once delivery: the same line again, a little later in the file.
  if (picker.decide(2.0)) writer.write_later(row);
  // The same event logged again by another server, in its own spellings.
  if (picker.decide()) {
    Row copy = row;
    for (int c = 0; c < row.size; ++c) {
      if ((relog.recase_columns >> c & 1) == 0) continue;
      std::string text = std::move(copy.field[c]);
      copy.field[c].clear();
      append_recased(copy.field[c], text, true);
    }
    if (relog.ts_column >= 0) {
      std::string& ts = copy.field[relog.ts_column];
      ts.clear();
      const auto form = static_cast<TsForm>(picker.rng().below(static_cast<int>(TsForm::kCount)));
      append_timestamp(ts, relog.ts, form, picker.rng());
      copy.raw[relog.ts_column] = false;
    }
    writer.write(copy);
  }
  const int malformed = picker.pick(static_cast<int>(Malformed::kCount), 0.3);
  if (malformed >= 0) writer.write_malformed(row, static_cast<Malformed>(malformed));
  const int blank = picker.pick(static_cast<int>(Blank::kCount), 0.5);
  if (blank >= 0) writer.write_blank(static_cast<Blank>(blank));
  writer.release_pending(picker.rng(), 0.2);
}

}  // namespace adlake::gen
