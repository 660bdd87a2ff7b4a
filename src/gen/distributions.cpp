#include "adlake/gen/distributions.hpp"

#include <cmath>

namespace adlake::gen {
namespace {

// gaming finance shopping travel sports news social health food education
constexpr double kInterest[kCategoryCount] = {16, 9, 14, 8, 11, 9, 13, 7, 8, 5};
constexpr double kGenre[kCategoryCount] = {24, 6, 10, 5, 9, 10, 18, 6, 5, 7};
constexpr double kCategory[kCategoryCount] = {14, 12, 16, 10, 9, 7, 8, 9, 9, 6};
constexpr double kDevice[kDeviceCount] = {60, 15, 18, 7};
constexpr double kOsByDevice[kDeviceCount][kOsCount] = {
    {60, 40, 0, 0, 0}, {45, 55, 0, 0, 0}, {0, 0, 70, 22, 8}, {60, 0, 0, 0, 40}};
constexpr double kAgeBucket[kAgeBucketCount] = {6, 18, 25, 20, 14, 10, 7};
constexpr double kCampaignType[kCampaignTypeCount] = {50, 30, 20};
constexpr int kAgeLow[kAgeBucketCount] = {13, 18, 25, 35, 45, 55, 65};
constexpr int kAgeHigh[kAgeBucketCount] = {17, 24, 34, 44, 54, 64, 90};
// Monday .. Sunday.
constexpr double kDay[7] = {1.0, 0.98, 1.0, 1.02, 1.08, 1.18, 1.12};

struct StateWeights {
  std::array<double, kStateCount> w;
  StateWeights() {
    for (int i = 0; i < kStateCount; ++i) w[i] = kStates[i].population_millions;
  }
};

// Cumulative weights of the 168 hours of the week: a night trough near 04:00,
// an evening peak near 20:00, a lunchtime bump, busier weekends.
struct WeekHours {
  std::array<double, 168> cumulative;
  WeekHours() {
    double sum = 0.0;
    for (int d = 0; d < 7; ++d) {
      for (int h = 0; h < 24; ++h) {
        const double w = 1.0 + 0.55 * std::cos(2 * M_PI * (h - 20) / 24.0) +
                         0.15 * std::cos(4 * M_PI * (h - 13) / 24.0);
        sum += kDay[d] * w;
        cumulative[d * 24 + h] = sum;
      }
    }
    for (auto& c : cumulative) c /= sum;
  }
};

}  // namespace

int draw_weighted(Rng& rng, std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  double u = rng.uniform() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (u < weights[i]) return static_cast<int>(i);
    u -= weights[i];
  }
  return static_cast<int>(weights.size()) - 1;
}

std::span<const double> interest_weights() {
  return kInterest;
}
std::span<const double> genre_weights() {
  return kGenre;
}
std::span<const double> category_weights() {
  return kCategory;
}
std::span<const double> device_weights() {
  return kDevice;
}
std::span<const double> os_weights(int device) {
  return kOsByDevice[device];
}
std::span<const double> age_bucket_weights() {
  return kAgeBucket;
}
std::span<const double> campaign_type_weights() {
  return kCampaignType;
}

std::span<const double> state_weights() {
  static const StateWeights weights;
  return weights.w;
}

int draw_age(Rng& rng, int bucket) {
  return static_cast<int>(rng.between(kAgeLow[bucket], kAgeHigh[bucket]));
}

int64_t draw_request_time(Rng& rng, int64_t week_start) {
  static const WeekHours hours;
  const double u = rng.uniform();
  int lo = 0, hi = 167;
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    if (hours.cumulative[mid] <= u)
      lo = mid + 1;
    else
      hi = mid;
  }
  return week_start + lo * 3600LL + static_cast<int64_t>(rng.below(3600));
}

uint64_t draw_popular(Rng& rng, uint64_t n, uint64_t stride, double exponent) {
  auto rank = static_cast<uint64_t>(static_cast<double>(n) * std::pow(rng.uniform(), exponent));
  if (rank >= n) rank = n - 1;
  return static_cast<uint64_t>(static_cast<unsigned __int128>(rank) * stride % n);
}

}  // namespace adlake::gen
