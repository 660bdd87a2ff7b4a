#pragma once
// The true click model. logit p = f(features) + user latent + creative quality:
// f has main effects, a few strong two-way interactions on categorical
// features and smooth hour cycles (learnable by a forest); the two hidden terms
// are normal and independent of every feature, so integrating them out gives
// E[p | features] exactly (CONTRACT 1, p_click_features).
#include <cstdint>

#include "adlake/gen/gauss_hermite.hpp"
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

class ClickModel {
 public:
  // Standard deviations (logit scale) of the hidden factors: a per-user
  // latent propensity and the quality of the creative drawn per impression.
  static constexpr double kUserSd = 0.50;
  static constexpr double kCreativeSd = 0.40;

  ClickModel();

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
