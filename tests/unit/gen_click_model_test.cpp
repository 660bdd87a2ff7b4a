#include <doctest/doctest.h>

#include <cmath>

#include "adlake/gen/click_model.hpp"
#include "adlake/gen/gauss_hermite.hpp"
#include "adlake/gen/rng.hpp"

using namespace adlake::gen;

TEST_CASE("Gauss-Hermite integrates normal moments exactly") {
  const GaussHermite gh(40);
  auto moment = [&](int k) {
    return gh.expect_normal(0.0, 1.0, [k](double x) { return std::pow(x, k); });
  };
  CHECK(moment(0) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(moment(1) == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(moment(2) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(moment(4) == doctest::Approx(3.0).epsilon(1e-10));
  CHECK(gh.expect_normal(2.0, 0.5, [](double x) { return x * x; }) ==
        doctest::Approx(4.25).epsilon(1e-12));
}

TEST_CASE("p_click_features is the mean of p_click over the hidden factors") {
  const ClickModel model;
  Rng rng(1, Stream::RequestData, 0);
  for (double logit : {-4.0, -2.5, -1.0, 0.5}) {
    double sum = 0.0;
    const int n = 400000;
    for (int i = 0; i < n; ++i)
      sum += ClickModel::p_click(logit, ClickModel::draw_user_latent(rng),
                                 ClickModel::kCreativeSd * rng.normal());
    const double mc = sum / n;
    CHECK(model.p_click_features(logit) == doctest::Approx(mc).epsilon(0.01));
    // Integrating a convex-then-concave sigmoid over noise pulls small p up.
    if (logit < -1.0) CHECK(model.p_click_features(logit) > sigmoid(logit));
  }
}

TEST_CASE("the user's latent propensity is heavier-tailed than a normal") {
  double shares = 0, variance = 0, fourth = 0;
  for (const LatentClass& c : ClickModel::kUserClasses) {
    shares += c.share;
    variance += c.share * c.sd * c.sd;
    fourth += c.share * 3 * std::pow(c.sd, 4);
  }
  CHECK(shares == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(fourth / (variance * variance) > 5.0);  // a normal's kurtosis is 3
  Rng rng(2, Stream::User, 0);
  const int n = 400000;
  double m2 = 0, m4 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = ClickModel::draw_user_latent(rng);
    m2 += u * u;
    m4 += u * u * u * u;
  }
  m2 /= n;
  m4 /= n;
  CHECK(m2 == doctest::Approx(variance).epsilon(0.02));
  CHECK(m4 / (m2 * m2) == doctest::Approx(fourth / (variance * variance)).epsilon(0.05));
}

TEST_CASE("the click model has the advertised structure") {
  const ClickModel model;
  ClickFeatures f;
  f.hour = 20;
  f.age = 30;
  f.gender = kFemale;
  f.state = 4;
  f.interest = 0;
  f.device = kPhone;
  f.os = kAndroid;
  f.genre = 6;
  f.app_rating = 4.2;
  f.campaign_type = kCpc;
  f.category = 1;
  f.slot = 0;
  f.bid_micros = 800000;
  const double base = model.logit(f);

  ClickFeatures match = f;
  match.category = f.interest;  // affinity: interest == category
  ClickFeatures low_slot = f;
  low_slot.slot = 8;
  CHECK(model.logit(match) - base > 0.8);
  CHECK(model.logit(low_slot) < base);
  // Age bucket x category: games appeal to the young far more than to the old.
  ClickFeatures young = f, old = f;
  young.category = old.category = 0;
  young.interest = old.interest = 3;
  young.age = 16;
  old.age = 70;
  CHECK(model.logit(young) - model.logit(old) > 0.5);
}
