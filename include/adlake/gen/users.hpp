#pragma once
// Users: drawn from (seed, user index) alone, so a request block can look up
// any user without the profile files, and the profile files can be written by
// any rank.
#include <cstdint>
#include <string>

#include "adlake/gen/csv_writer.hpp"
#include "adlake/gen/params.hpp"

namespace adlake::gen {

struct UserDraw {
  bool has_profile = true;
  // The profile silver keeps (the latest version, cleaned): what gold sees.
  int age = -1;
  int gender = -1;
  int state = -1;
  int interest = -1;
  // The truth behind the logs, used for behaviour and targeting.
  int true_interest = 0;
  int device = 0;  // the user's usual device and its os
  int os = 0;
  uint32_t ip24 = 0;    // home network, a.b.c as 24 bits
  double latent = 0.0;  // hidden click propensity (logit scale)
};

void append_user_id(std::string& out, uint64_t index);

// The user with popularity rank drawn from `rng` (a power law).
uint64_t draw_user_index(const GenParams& params, Rng& rng);

// Draws user `index`; `scratch` receives its latest profile row.
UserDraw lookup_user(const GenParams& params, uint64_t index, Row& scratch);

// Renders user_profiles part `part` (rows [part * block, ...)) into `out`.
// Returns the number of data lines written.
uint64_t write_user_part(const GenParams& params, uint64_t part, std::string& out);

}  // namespace adlake::gen
