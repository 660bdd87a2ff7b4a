#pragma once
// Apps (publishers): drawn from (seed, app index) alone, like users.
#include <cstdint>
#include <string>

#include "adlake/gen/csv_writer.hpp"
#include "adlake/gen/params.hpp"

namespace adlake::gen {

struct AppDraw {
  bool has_metadata = true;
  // The kept app_metadata row, cleaned: what gold sees.
  int genre = -1;
  double rating = 0.0;
  int true_genre = 0;
};

void append_app_id(std::string& out, uint64_t index);
uint64_t draw_app_index(const GenParams& params, Rng& rng);
AppDraw lookup_app(const GenParams& params, uint64_t index, Row& scratch);
// Returns the number of data lines written.
uint64_t write_app_part(const GenParams& params, uint64_t part, std::string& out);

// Names as people write them: commas, quotes, accents, overlong ones.
// Appends variant v (v < 0: the plain name) of `name` to row field `column`;
// some forms must be written verbatim (row.raw).
constexpr int kNameVariants = 7;
void render_name(Row& row, int column, std::string_view name, int v);

}  // namespace adlake::gen
