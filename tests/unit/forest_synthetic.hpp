#pragma once
// Synthetic click data with known structure, shaped like the gold features:
// categorical main effects, interactions (age bucket x category, device x
// genre, hour x category), an affinity effect (interest == category), a slot
// effect, and a hidden per-user factor that no feature carries. The feature
// oracle is the logit without the hidden factor: integrating a symmetric
// random effect out of a logistic model is monotone in that logit, so its AUC
// is the AUC of the true feature-level click probability.
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "adlake/forest/binning.hpp"

namespace adlake::forest::testing {

struct SyntheticData {
  std::vector<RawFeature> features;
  std::vector<uint8_t> labels;
  std::vector<double> oracle;  // the feature-level click probability, without the hidden factor
};

inline RawFeature categorical(const std::string& name, int n) {
  RawFeature f;
  f.name = name;
  f.kind = FeatureKind::Categorical;
  for (int i = 0; i < n; ++i) f.categories.push_back(name + "_" + std::to_string(i));
  return f;
}

inline RawFeature numeric(const std::string& name) {
  RawFeature f;
  f.name = name;
  return f;
}

// The same `structure_seed` gives the same model; `sample_seed` draws rows.
inline SyntheticData make_synthetic(size_t rows, uint64_t structure_seed, uint64_t sample_seed) {
  std::mt19937_64 s(structure_seed);
  std::normal_distribution<double> g(0.0, 1.0);
  auto table = [&](int n, double sd) {
    std::vector<double> t(n);
    for (double& v : t) v = sd * g(s);
    return t;
  };
  const int n_state = 51, n_topic = 10, n_device = 5, n_os = 6, n_bucket = 8, n_type = 3;
  const auto e_state = table(n_state, 0.15), e_interest = table(n_topic, 0.2),
             e_category = table(n_topic, 0.35), e_genre = table(n_topic, 0.2),
             e_device = table(n_device, 0.3), e_os = table(n_os, 0.15),
             e_bucket = table(n_bucket, 0.25), e_type = table(n_type, 0.2);
  const auto bucket_x_category = table(n_bucket * n_topic, 0.35);
  const auto device_x_genre = table(n_device * n_topic, 0.3);
  const auto hour_phase = table(n_topic, 3.0);

  SyntheticData d;
  auto hour = categorical("hour_of_day", 24), dow = categorical("day_of_week", 7),
       affinity = categorical("is_affinity_match", 2), bucket = categorical("age_bucket", n_bucket),
       gender = categorical("gender", 3), state = categorical("user_state", n_state),
       interest = categorical("interest", n_topic), device = categorical("device_type", n_device),
       os = categorical("os", n_os), genre = categorical("genre", n_topic),
       type = categorical("campaign_type", n_type), category = categorical("category", n_topic);
  auto age = numeric("age"), rating = numeric("app_rating"), slot = numeric("slot"),
       bid = numeric("bid_micros");

  std::mt19937_64 r(sample_seed);
  std::uniform_int_distribution<int> u24(0, 23), u7(0, 6), ustate(0, n_state - 1),
      utopic(0, n_topic - 1), udev(0, n_device - 1), uos(0, n_os - 1), ugender(0, 2),
      utype(0, n_type - 1), uslot(-1, 9), uage(13, 80);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (size_t i = 0; i < rows; ++i) {
    const int h = u24(r), w = u7(r), st = ustate(r), in = utopic(r), dv = udev(r), o = uos(r),
              ge = ugender(r), ty = utype(r), sl = uslot(r);
    // Interest drives a share of the categories shown, as targeting would.
    const int ca = unit(r) < 0.3 ? in : utopic(r);
    const int gn = unit(r) < 0.3 ? ca : utopic(r);
    const int a = unit(r) < 0.1 ? -1 : uage(r);
    const int bk = a < 0 ? n_bucket - 1 : std::min(n_bucket - 2, (a - 13) / 9);
    const double ra = std::round(unit(r) * 50) / 10;
    const double bi = std::round(std::exp(g(r) * 0.7) * 20) * 50000;
    const bool aff = in == ca;
    const double logit = -2.9 + e_state[st] + e_interest[in] + e_category[ca] + e_genre[gn] +
                         e_device[dv] + e_os[o] + e_bucket[bk] + e_type[ty] +
                         bucket_x_category[bk * n_topic + ca] + device_x_genre[dv * n_topic + gn] +
                         0.5 * std::sin(2 * M_PI * h / 24.0 + hour_phase[ca]) + (aff ? 1.0 : 0.0) -
                         0.06 * std::max(sl, 0) + 0.1 * (ra - 2.5);
    const double hidden = 0.7 * g(r);
    const double p = 1.0 / (1.0 + std::exp(-(logit + hidden)));
    d.labels.push_back(unit(r) < p);
    d.oracle.push_back(1.0 / (1.0 + std::exp(-logit)));
    hour.codes.push_back(static_cast<uint8_t>(h));
    dow.codes.push_back(static_cast<uint8_t>(w));
    affinity.codes.push_back(static_cast<uint8_t>(aff));
    bucket.codes.push_back(static_cast<uint8_t>(bk));
    gender.codes.push_back(static_cast<uint8_t>(ge));
    state.codes.push_back(static_cast<uint8_t>(st));
    interest.codes.push_back(static_cast<uint8_t>(in));
    device.codes.push_back(static_cast<uint8_t>(dv));
    os.codes.push_back(static_cast<uint8_t>(o));
    genre.codes.push_back(static_cast<uint8_t>(gn));
    type.codes.push_back(static_cast<uint8_t>(ty));
    category.codes.push_back(static_cast<uint8_t>(ca));
    age.values.push_back(a);
    rating.values.push_back(ra);
    slot.values.push_back(sl);
    bid.values.push_back(bi);
  }
  d.features = {hour,   dow, affinity, age,    bucket, gender,   state, interest,
                device, os,  genre,    rating, type,   category, slot,  bid};
  return d;
}

}  // namespace adlake::forest::testing
