#include "adlake/gen/users.hpp"

#include "adlake/gen/click_model.hpp"
#include "adlake/gen/distributions.hpp"
#include "adlake/gen/file_style.hpp"
#include "adlake/gen/id_variants.hpp"
#include "adlake/gen/noise_picker.hpp"
#include "adlake/gen/row_noise.hpp"
#include "adlake/gen/row_streams.hpp"
#include "adlake/gen/spelling.hpp"
#include "adlake/gen/time_format.hpp"
#include "adlake/gen/variants.hpp"

namespace adlake::gen {
namespace {

using namespace col;

struct Attributes {
  int age, gender, state, interest;
  int64_t updated_at;
};

Attributes draw_attributes(Rng& data, int64_t updated_at) {
  Attributes a;
  a.age = draw_age(data, draw_weighted(data, age_bucket_weights()));
  a.gender = data.chance(0.5) ? kMale : kFemale;
  a.state = draw_weighted(data, state_weights());
  a.interest = draw_weighted(data, interest_weights());
  a.updated_at = updated_at;
  return a;
}

// Renders one profile version with the picker's variants; returns it cleaned.
Attributes render_profile(uint64_t index, const Attributes& a, NoisePicker& picker, Row& row) {
  Attributes clean;
  row.reset(6);
  append_user_id(row.field[kUserId], index);
  clean.age = append_age(row.field[kUserAge], a.age, picker.pick(kAgeVariants));
  clean.gender = append_enum(row.field[kUserGender], gender_variants(),
                             picker.pick(static_cast<int>(gender_variants().size())),
                             kGenders[a.gender], a.gender);
  clean.state = append_state(row.field[kUserState], a.state, picker.pick(kStateVariants));
  clean.interest = append_enum(row.field[kUserInterest], category_variants(),
                               picker.pick(static_cast<int>(category_variants().size())),
                               kCategories[a.interest], a.interest);
  const int form = picker.pick(static_cast<int>(TsForm::kCount), 3.0);
  append_timestamp(row.field[kUserUpdated], a.updated_at,
                   form < 0 ? TsForm::IsoZ : static_cast<TsForm>(form), picker.rng());
  clean.updated_at = a.updated_at;
  apply_cosmetic(row, picker, 2.0);
  return clean;
}

struct UserState : RowStreams {
  UserDraw draw;
  Attributes latest{};

  UserState(const GenParams& p, uint64_t index)
      : RowStreams(p, Stream::User, Stream::UserNoise, index) {}
};

void draw(const GenParams& params, uint64_t index, Row& row, UserState& s) {
  s.draw.has_profile = !s.picker.decide(0.5);
  const int64_t updated = params.week_start - s.data.between(3600, 400 * 86400LL);
  s.latest = draw_attributes(s.data, updated);
  s.draw.true_interest = s.latest.interest;
  s.draw.device = draw_weighted(s.data, device_weights());
  s.draw.os = draw_weighted(s.data, os_weights(s.draw.device));
  s.draw.ip24 = static_cast<uint32_t>(s.data.below(1u << 24));
  s.draw.latent = ClickModel::draw_user_latent(s.data);
  const Attributes clean = render_profile(index, s.latest, s.picker, row);
  if (s.draw.has_profile) {
    s.draw.age = clean.age;
    s.draw.gender = clean.gender;
    s.draw.state = clean.state;
    s.draw.interest = clean.interest;
  }
}

}  // namespace

void append_user_id(std::string& out, uint64_t index) {
  out.push_back('u');
  append_padded(out, index, 7);
}

uint64_t draw_user_index(const GenParams& params, Rng& rng) {
  return draw_popular(rng, params.users, params.user_stride, 1.6);
}

UserDraw lookup_user(const GenParams& params, uint64_t index, Row& scratch) {
  UserState s(params, index);
  draw(params, index, scratch, s);
  return s.draw;
}

uint64_t write_user_part(const GenParams& params, uint64_t part, std::string& out) {
  const FileStyle style = file_style(params, Entity::UserProfiles, part);
  CsvWriter writer(out, style, entity_columns(Entity::UserProfiles));
  Row row, old;
  const uint64_t begin = part * params.block_size;
  const uint64_t end = std::min(params.users, begin + params.block_size);
  Relog relog;
  relog.recase_columns = 1u << kUserGender | 1u << kUserState | 1u << kUserInterest;
  relog.ts_column = kUserUpdated;
  for (uint64_t index = begin; index < end; ++index) {
    UserState s(params, index);
    draw(params, index, row, s);
    NoisePicker& picker = s.picker;
    // Older versions of the profile, each updated earlier; silver keeps the latest.
    const bool versions = picker.decide(10.0);
    const int bad_ts = picker.pick(static_cast<int>(BadTs::kCount), 0.5);
    const int bad_key = picker.pick(2, 0.3);
    if (!s.draw.has_profile) continue;

    if (versions) {
      const int n = 1 + static_cast<int>(s.data.below(2));
      int64_t when = s.latest.updated_at;
      for (int k = 0; k < n; ++k) {
        when -= s.data.between(86400, 200 * 86400LL);
        Attributes a = draw_attributes(s.data, when);
        NoisePicker random(s.noise, params.noise, -1);
        render_profile(index, a, random, old);
        writer.write(old);
      }
    }
    writer.write(row);
    relog.ts = s.latest.updated_at;
    write_row_noise(writer, row, picker, relog);
    if (bad_ts >= 0) {
      Row bad = row;
      bad.field[kUserUpdated].clear();
      append_invalid_timestamp(bad.field[kUserUpdated], s.latest.updated_at,
                               static_cast<BadTs>(bad_ts));
      writer.write(bad);
    }
    if (bad_key >= 0) {
      Row bad = row;
      bad.field[kUserId].clear();
      if (bad_key == 1) append_overlong_key(bad.field[kUserId], row.field[kUserId]);
      writer.write(bad);
    }
  }
  writer.finish();
  return writer.data_lines();
}

}  // namespace adlake::gen
