#include "adlake/gen/click_model.hpp"

#include <cmath>

namespace adlake::gen {
namespace {

// Coefficients on the logit scale. The structure is deliberately one a forest
// can learn from ~55k rows: strong effects on a few low-cardinality features,
// a handful of strong two-way cells, smooth hour cycles, weak effects
// elsewhere. The intercept sets the CTR near 9% (with the users' latent
// propensity of click_model.hpp). kUnknown means no effect everywhere.
constexpr double kIntercept = -4.80;

constexpr double kAffinity = 2.00;    // user interest == campaign category
constexpr double kContextual = 0.50;  // app genre == campaign category
constexpr double kSlotTop = 0.75;     // slot 0; each lower slot loses kSlotStep
constexpr double kSlotStep = 0.19;
constexpr double kCampaignType[kCampaignTypeCount] = {0.44, 0.0, -0.56};
constexpr double kDevice[kDeviceCount] = {0.25, 0.12, -0.31, -0.88};
constexpr double kCategory[kCategoryCount] = {0.25,  -0.30, 0.20,  0.0,  0.05,
                                              -0.20, 0.15,  -0.15, 0.10, -0.25};
constexpr double kAgeBucket[kAgeBucketCount] = {0.20, 0.25, 0.10, 0.0, -0.15, -0.20, -0.30};

// Weak effects: real, but worth little to a model.
constexpr double kOsEffect[kOsCount] = {0.0, 0.06, -0.03, 0.03, -0.06};
constexpr double kOsOther = -0.08;
constexpr double kGenre[kCategoryCount] = {0.10,  -0.05, 0.05,  0.0, 0.05,
                                           -0.05, 0.10,  -0.05, 0.0, -0.05};
constexpr double kGender[2] = {-0.03, 0.03};
constexpr double kRegion[4] = {-0.05, -0.02, 0.03, 0.05};
constexpr double kRatingSlope = 0.08;  // per star around 3.5
constexpr double kBidSlope = 0.08;     // per log-USD of bid
constexpr double kWeekend = 0.10;

// Daily cycle: peak at 21:00 UTC; three categories follow their own clock.
constexpr double kHourAmplitude = 0.44;
constexpr double kHourPeak = 21.0;
struct CategoryClock {
  int category;
  double amplitude, peak;
};
constexpr CategoryClock kCategoryClocks[] = {
    {0, 0.28, 22.0},  // gaming late in the evening
    {5, 0.28, 8.0},   // news in the morning
    {8, 0.28, 12.5},  // food at lunch
};

// Strong cells of two-way tables; the rest of each table is zero.
struct Cell {
  int row, column;
  double effect;
};
constexpr Cell kAgeCategory[] = {
    {0, 0, 0.33},  {1, 0, 0.28},                  // the young and games
    {0, 9, 0.22},                                 // teenagers and education
    {2, 1, 0.22},  {3, 1, 0.25},                  // 25-44 and finance
    {2, 3, 0.19},  {3, 3, 0.19},                  // 25-44 and travel
    {5, 5, 0.30},  {6, 5, 0.36},                  // 55+ and news
    {5, 7, 0.30},  {6, 7, 0.36},                  // 55+ and health
    {4, 0, -0.19}, {5, 0, -0.28}, {6, 0, -0.33},  // 45+ and games
};
constexpr Cell kDeviceGenre[] = {
    {kPhone, 6, 0.22},    // social apps on phones
    {kPhone, 0, 0.14},    // games on phones
    {kTablet, 9, 0.25},   // education on tablets
    {kDesktop, 1, 0.22},  // finance on desktops
    {kDesktop, 5, 0.19},  // news on desktops
    {kCtv, 4, 0.33},      // sports on TV
};

double cycle(double hour, double peak) {
  return std::cos(2.0 * M_PI * (hour - peak) / 24.0);
}

}  // namespace

double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

ClickModel::ClickModel() : quadrature_(40) {}

double ClickModel::logit(const ClickFeatures& f) const {
  double x = kIntercept;
  const int bucket = age_bucket(f.age);
  if (f.interest >= 0 && f.interest == f.category) x += kAffinity;
  if (f.genre >= 0 && f.genre == f.category) x += kContextual;
  if (f.slot >= 0) x += kSlotTop - kSlotStep * f.slot;
  x += kCampaignType[f.campaign_type];
  if (f.device >= 0) x += kDevice[f.device];
  if (f.category >= 0) x += kCategory[f.category];
  if (bucket >= 0) x += kAgeBucket[bucket];

  if (f.os >= 0) x += kOsEffect[f.os];
  if (f.os == kOther) x += kOsOther;
  if (f.genre >= 0) x += kGenre[f.genre];
  if (f.gender >= 0) x += kGender[f.gender];
  if (f.state >= 0) x += kRegion[kStates[f.state].region];
  if (f.app_rating > 0.0) x += kRatingSlope * (f.app_rating - 3.5);
  if (f.bid_micros > 0) x += kBidSlope * std::log(static_cast<double>(f.bid_micros) * 1e-6);
  if (f.day_of_week >= 5) x += kWeekend;

  x += kHourAmplitude * cycle(f.hour, kHourPeak);
  for (const CategoryClock& c : kCategoryClocks)
    if (f.category == c.category) x += c.amplitude * cycle(f.hour, c.peak);
  for (const Cell& c : kAgeCategory)
    if (bucket == c.row && f.category == c.column) x += c.effect;
  for (const Cell& c : kDeviceGenre)
    if (f.device == c.row && f.genre == c.column) x += c.effect;
  return x;
}

double ClickModel::p_click(double feature_logit, double user_latent, double creative_quality) {
  return sigmoid(feature_logit + user_latent + creative_quality);
}

double ClickModel::draw_user_latent(Rng& rng) {
  // Class then value: two draws per user whatever the class.
  const double u = rng.uniform();
  double sd = kUserClasses[0].sd, below = 0.0;
  for (const LatentClass& c : kUserClasses) {
    sd = c.sd;
    below += c.share;
    if (u < below) break;
  }
  return sd * rng.normal();
}

double ClickModel::p_click_features(double feature_logit) const {
  // Within a class the two hidden terms are independent normals, whose sum is
  // one normal; the classes are weighed by their shares.
  double p = 0.0;
  for (const LatentClass& c : kUserClasses) {
    const double sd = std::sqrt(c.sd * c.sd + kCreativeSd * kCreativeSd);
    p += c.share * quadrature_.expect_normal(feature_logit, sd, sigmoid);
  }
  return p;
}

}  // namespace adlake::gen
