#pragma once
// The true click model. logit p = f(features) + user latent + creative quality:
// f has main effects, a few strong two-way interactions on categorical
// features and smooth hour cycles (learnable by a forest); the two hidden terms
// are independent of every feature (the user's a mixture of normals, the
// creative's a normal), so integrating them out, class by class, gives
// E[p | features] exactly (CONTRACT 1, p_click_features).
#include <cstdint>

#include "adlake/gen/gauss_hermite.hpp"
#include "adlake/gen/rng.hpp"
#include "adlake/gen/vocab.hpp"

namespace adlake::gen {

// The gold features (CONTRACT 3.1) as cleaning will give them: kUnknown etc.
// where the logs miss a value.
struct ClickFeatures {
  int hour = 0;         // of imp_ts, UTC
  int day_of_week = 0;  // 0 = Monday
  int age = -1;
  int gender = kUnknown;
  int state = kUnknown;
  int interest = kUnknown;
  int device = kUnknown;
  int os = kUnknown;  // or kOther
  int genre = kUnknown;
  double app_rating = 0.0;
  int campaign_type = kCpc;
  int category = kUnknown;
  int slot = -1;
  int64_t bid_micros = 0;
};

// A class of users by how far their propensity strays: its share of the
// users and the standard deviation (logit scale) of their latent term.
struct LatentClass {
  double share, sd;
};

class ClickModel {
 public:
  // The per-user latent propensity, drawn once per user: a scale mixture of
  // normals, so heavier-tailed than one normal (as users are in real logs: most
  // near the average, a few who click far more or hardly ever). Variance 0.85
  // (sd 0.92) in all; kurtosis 8.0 where a normal has 3. docs/generator.md.
  static constexpr LatentClass kUserClasses[] = {{0.60, 0.50}, {0.30, 1.00}, {0.10, 2.00}};
  // The quality of the creative, drawn per impression (not learnable).
  static constexpr double kCreativeSd = 0.40;

  ClickModel();

  // One user's latent term.
  static double draw_user_latent(Rng& rng);

  // The feature part of the logit.
  double logit(const ClickFeatures& f) const;

  // The true probability, hidden factors included.
  static double p_click(double feature_logit, double user_latent, double creative_quality);

  // E[p_click | features]: the hidden factors integrated out (Gauss-Hermite).
  double p_click_features(double feature_logit) const;

 private:
  GaussHermite quadrature_;
};

double sigmoid(double x);

}  // namespace adlake::gen
