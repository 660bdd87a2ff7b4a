#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "adlake/eval/calibration.hpp"
#include "adlake/eval/confusion.hpp"
#include "adlake/eval/curve.hpp"
#include "adlake/eval/precision_recall.hpp"
#include "adlake/eval/probability_metrics.hpp"
#include "adlake/eval/report.hpp"
#include "adlake/eval/roc.hpp"

using namespace adlake::eval;

TEST_CASE("average_precision on hand-computed cases") {
  // Ranking 1,0,1,0: precision 1 at recall 0.5, 2/3 at recall 1.
  CHECK(average_precision(std::vector<double>{0.9, 0.8, 0.7, 0.6},
                          std::vector<uint8_t>{1, 0, 1, 0}) ==
        doctest::Approx((1.0 + 2.0 / 3) / 2));
  // A tie of one positive and one negative at the top enters as one step: precision 1/2.
  CHECK(average_precision(std::vector<double>{0.9, 0.9, 0.1}, std::vector<uint8_t>{1, 0, 0}) ==
        doctest::Approx(0.5));
  CHECK(std::isnan(average_precision(std::vector<double>{0.3}, std::vector<uint8_t>{0})));
  const auto pr =
      pr_curve(std::vector<double>{0.9, 0.8, 0.7, 0.6}, std::vector<uint8_t>{1, 0, 1, 0});
  REQUIRE(pr.size() == 3);  // stops at full recall
  CHECK(pr.back().x == 1.0);
  CHECK(pr.back().y == doctest::Approx(2.0 / 3));
}

TEST_CASE("log_loss and brier") {
  const std::vector<double> p{0.8, 0.1, 0.5};
  const std::vector<uint8_t> y{1, 0, 1};
  CHECK(log_loss(p, y) == doctest::Approx(-(std::log(0.8) + std::log(0.9) + std::log(0.5)) / 3));
  CHECK(brier(p, y) == doctest::Approx((0.04 + 0.01 + 0.25) / 3));
  // A certain, wrong prediction is clipped, not infinite.
  CHECK(std::isfinite(log_loss(std::vector<double>{0.0}, std::vector<uint8_t>{1})));
}

TEST_CASE("confusion_at and best_f1") {
  const std::vector<double> s{0.9, 0.8, 0.6, 0.4, 0.2};
  const std::vector<uint8_t> y{1, 0, 1, 1, 0};
  const ConfusionMatrix m = confusion_at(s, y, 0.5);
  CHECK(m.tp == 2);
  CHECK(m.fp == 1);
  CHECK(m.fn == 1);
  CHECK(m.tn == 1);
  CHECK(m.precision() == doctest::Approx(2.0 / 3));
  CHECK(m.recall() == doctest::Approx(2.0 / 3));
  // Thresholds 0.4 gives tp 3, fp 1: F1 6/7, the best.
  const BestF1 b = best_f1(s, y);
  CHECK(b.threshold == 0.4);
  CHECK(b.confusion.f1() == doctest::Approx(6.0 / 7));
  CHECK(ConfusionMatrix{}.f1() == 0.0);
}

TEST_CASE("calibration_table cuts rows into equal groups by probability") {
  std::vector<double> p;
  std::vector<uint8_t> y;
  for (int i = 0; i < 100; ++i) {
    p.push_back((99 - i) / 100.0);  // descending input order
    y.push_back(i % 10 == 0);
  }
  const auto t = calibration_table(p, y, 10);
  REQUIRE(t.size() == 10);
  CHECK(t[0].rows == 10);
  CHECK(t[0].min_prob == 0.0);
  CHECK(t[0].max_prob == doctest::Approx(0.09));
  CHECK(t[0].mean_prob == doctest::Approx(0.045));
  CHECK(t[9].min_prob == doctest::Approx(0.90));
  // Positives are inputs 0, 10, ..., 90: probabilities 0.99, 0.89, ..., 0.09, one per bin.
  for (const auto& b : t) CHECK(b.observed_rate == doctest::Approx(0.1));
  CHECK(calibration_table(std::vector<double>{0.5, 0.2}, std::vector<uint8_t>{1, 0}, 10).size() ==
        2);
}

TEST_CASE("downsample keeps both ends and at most max_points") {
  std::vector<CurvePoint> c;
  for (int i = 0; i < 1000; ++i) c.push_back({i / 999.0, i / 999.0, 1.0 - i / 999.0});
  const auto d = downsample(c, 101);
  REQUIRE(d.size() == 101);
  CHECK(d.front().x == 0.0);
  CHECK(d.back().x == 1.0);
  for (size_t i = 1; i < d.size(); ++i) CHECK(d[i].x > d[i - 1].x);
  CHECK(downsample(c, 5000).size() == 1000);
}

TEST_CASE("binary_report gathers the figures under stable names") {
  const std::vector<double> s{0.9, 0.8, 0.6, 0.4, 0.2};
  const std::vector<double> p{0.5, 0.3, 0.2, 0.1, 0.05};
  const std::vector<uint8_t> y{1, 0, 1, 1, 0};
  const auto r = adlake::eval::binary_report(s, p, y, 3);
  CHECK(r["rows"] == 5);
  CHECK(r["positive_rate"].get<double>() == doctest::Approx(0.6));
  CHECK(r["roc_auc"].get<double>() == doctest::Approx(roc_auc(s, y)));
  CHECK(r["log_loss"].get<double>() == doctest::Approx(log_loss(p, y)));
  CHECK(r["at_best_f1"]["threshold"].get<double>() == 0.4);
  CHECK(r["at_0_5"]["confusion_matrix"][1][1] == 2);  // tp: 0.9 and 0.6
  CHECK(r["at_0_5"]["confusion_matrix"][0][1] == 1);  // fp: 0.8
  CHECK(r["roc_curve"].size() == 3);
  CHECK(r["calibration_deciles"].size() == 5);
}
