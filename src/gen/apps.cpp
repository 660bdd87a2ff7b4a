#include "adlake/gen/apps.hpp"

#include <algorithm>
#include <cmath>

#include "adlake/gen/distributions.hpp"
#include "adlake/gen/file_style.hpp"
#include "adlake/gen/id_variants.hpp"
#include "adlake/gen/noise_picker.hpp"
#include "adlake/gen/row_noise.hpp"
#include "adlake/gen/row_streams.hpp"
#include "adlake/gen/spelling.hpp"
#include "adlake/gen/variants.hpp"

namespace adlake::gen {
namespace {

using namespace col;

constexpr std::string_view kAdjectives[] = {"Super", "Happy", "Pocket", "Daily", "Smart",
                                            "Tiny",  "Epic",  "Quick",  "Zen",   "Royal"};
constexpr std::string_view kNouns[] = {"Puzzle", "News", "Fitness", "Chef",  "Wallet",
                                       "Trips",  "Chat", "Racer",   "Tutor", "Shop"};
constexpr std::string_view kSuffixes[] = {"", " Pro", " Lite", " 2", " HD", " Plus"};

std::string app_name(uint64_t index) {
  std::string s;
  s.append(kAdjectives[index % std::size(kAdjectives)]);
  s.push_back(' ');
  s.append(kNouns[index / std::size(kAdjectives) % std::size(kNouns)]);
  s.append(kSuffixes[index / 100 % std::size(kSuffixes)]);
  if (index >= 600) {
    s.push_back(' ');
    append_uint(s, index / 600);
  }
  return s;
}

struct AppState : RowStreams {
  AppDraw draw;

  AppState(const GenParams& p, uint64_t index)
      : RowStreams(p, Stream::App, Stream::AppNoise, index) {}
};

void draw(uint64_t index, Row& row, AppState& s) {
  NoisePicker& picker = s.picker;
  s.draw.has_metadata = !picker.decide(0.5);
  const int genre = draw_weighted(s.data, genre_weights());
  // Ratings bunch up near 4.3 stars, with a tail of poor apps.
  const double r = 4.3 - std::fabs(s.data.normal()) * 0.7;
  const int tenths = static_cast<int>(std::lround(std::clamp(r, 1.0, 5.0) * 10));
  s.draw.true_genre = genre;

  row.reset(4);
  append_app_id(row.field[kAppId], index);
  render_name(row, kAppName, app_name(index), picker.pick(kNameVariants, 0.5));
  const int clean_genre = append_enum(row.field[kAppGenre], category_variants(),
                                      picker.pick(static_cast<int>(category_variants().size())),
                                      kCategories[genre], genre);
  const double clean_rating =
      append_rating(row.field[kAppRating], tenths, picker.pick(kRatingVariants));
  apply_cosmetic(row, picker, 2.0);
  if (s.draw.has_metadata) {
    s.draw.genre = clean_genre;
    s.draw.rating = clean_rating;
  }
}

}  // namespace

void render_name(Row& row, int column, std::string_view name, int v) {
  std::string& f = row.field[column];
  switch (v) {
    case 0:  // a comma: quoted by the writer
      f.append(name);
      f.append(", Inc.");
      return;
    case 1:  // quotes inside: quoted, doubled
      f.append("The \"");
      f.append(name);
      f.append("\" Edition");
      return;
    case 2:  // a quote inside an unquoted field is an ordinary byte
      f.append("5\" ");
      f.append(name);
      row.raw[column] = true;
      return;
    case 3:  // bytes after a closing quote are appended: "ab"c is abc
      f.push_back('"');
      f.append(name.substr(0, name.find(' ')));
      f.push_back('"');
      f.append(name.substr(name.find(' ') + 1));
      row.raw[column] = true;
      return;
    case 4:  // UTF-8
      f.append(name);
      f.append(
          " Caf\xC3\xA9 \xC3\x9C"
          "ber \xE2\x98\x85");
      return;
    case 5:  // empty: cleaned to `unknown`
      return;
    case 6:  // over 128 bytes, two-byte characters straddling the cut
      f.append(name);
      while (f.size() < 160) f.append(" \xC3\xA9t\xC3\xA9");
      return;
    default:
      f.append(name);
  }
}

void append_app_id(std::string& out, uint64_t index) {
  out.append("app_");
  append_padded(out, index, 5);
}

uint64_t draw_app_index(const GenParams& params, Rng& rng) {
  return draw_popular(rng, params.apps, params.app_stride, 2.5);
}

AppDraw lookup_app(const GenParams& params, uint64_t index, Row& scratch) {
  AppState s(params, index);
  draw(index, scratch, s);
  return s.draw;
}

uint64_t write_app_part(const GenParams& params, uint64_t part, std::string& out) {
  const FileStyle style = file_style(params, Entity::AppMetadata, part);
  CsvWriter writer(out, style, entity_columns(Entity::AppMetadata));
  Row row;
  const uint64_t begin = part * params.block_size;
  const uint64_t end = std::min(params.apps, begin + params.block_size);
  Relog relog;
  relog.recase_columns = 1u << kAppGenre;
  for (uint64_t index = begin; index < end; ++index) {
    AppState s(params, index);
    draw(index, row, s);
    const int bad_key = s.picker.pick(2, 0.3);
    if (!s.draw.has_metadata) continue;
    writer.write(row);
    write_row_noise(writer, row, s.picker, relog);
    if (bad_key >= 0) {
      Row bad = row;
      bad.field[kAppId].clear();
      if (bad_key == 1) append_overlong_key(bad.field[kAppId], row.field[kAppId]);
      writer.write(bad);
    }
  }
  writer.finish();
  return writer.data_lines();
}

}  // namespace adlake::gen
