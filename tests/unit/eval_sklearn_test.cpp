// Checks the metrics against scikit-learn itself (Debian's python3-sklearn) on
// saved scores; skipped, with a message, where /usr/bin/python3 lacks sklearn.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "adlake/eval/confusion.hpp"
#include "adlake/eval/precision_recall.hpp"
#include "adlake/eval/probability_metrics.hpp"
#include "adlake/eval/roc.hpp"
#include "csv_temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using namespace adlake::eval;

bool sklearn_available() {
  static const bool ok = std::system("/usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1") == 0;
  return ok;
}

// Runs scikit-learn on the scores and labels and returns its metrics by name.
std::map<std::string, double> sklearn_metrics(const std::vector<double>& scores,
                                              const std::vector<uint8_t>& labels) {
  const adlake::test::CsvTempDir scratch;  // removed even when a REQUIRE fails
  const fs::path& dir = scratch.path();
  {
    std::ofstream data(dir / "scores.txt");
    data.precision(17);
    for (size_t i = 0; i < scores.size(); ++i) data << scores[i] << ' ' << int(labels[i]) << '\n';
    std::ofstream script(dir / "metrics.py");
    script << R"(import sys, numpy as np
from sklearn import metrics as m
d = np.loadtxt(sys.argv[1], ndmin=2)
s, y = d[:, 0], d[:, 1].astype(int)
print("roc_auc", repr(m.roc_auc_score(y, s)))
print("average_precision", repr(m.average_precision_score(y, s)))
if s.min() >= 0 and s.max() <= 1:
    print("log_loss", repr(m.log_loss(y, s, labels=[0, 1])))
    print("brier", repr(m.brier_score_loss(y, s)))
pred = (s >= 0.5).astype(int)
tn, fp, fn, tp = m.confusion_matrix(y, pred, labels=[0, 1]).ravel()
print("tn", tn, "fp", fp, "fn", fn, "tp", tp)
print("precision", repr(m.precision_score(y, pred, zero_division=0)))
print("recall", repr(m.recall_score(y, pred, zero_division=0)))
print("f1", repr(m.f1_score(y, pred, zero_division=0)))
p, r, t = m.precision_recall_curve(y, s)
f = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-300), 0)
print("best_f1", repr(f.max()))
print("roc_points", len(m.roc_curve(y, s, drop_intermediate=False)[0]))
)";
  }
  const fs::path out = dir / "out.txt";
  const std::string cmd = "/usr/bin/python3 " + (dir / "metrics.py").string() + " " +
                          (dir / "scores.txt").string() + " > " + out.string();
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::map<std::string, double> result;
  std::ifstream in(out);
  std::string name;
  double value;
  while (in >> name >> value) result[name] = value;
  return result;
}

struct Case {
  std::vector<double> scores;
  std::vector<uint8_t> labels;
};

// Scores rounded to `levels` distinct values so that ties are frequent;
// positives score higher on average, at a rate of about 1 in 11.
Case make_case(uint32_t seed, size_t n, int levels) {
  std::mt19937_64 rng(seed);
  std::bernoulli_distribution click(1.0 / 11.0);
  std::normal_distribution<double> noise(0.0, 1.0);
  Case c;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t y = click(rng);
    const double z = noise(rng) + (y ? 0.8 : 0.0);
    double p = 1.0 / (1.0 + std::exp(-z));
    if (levels > 0) p = std::round(p * levels) / levels;
    c.scores.push_back(p);
    c.labels.push_back(y);
  }
  return c;
}

}  // namespace

TEST_CASE("roc_auc equals scikit-learn's roc_auc_score, ties included") {
  if (!sklearn_available()) {
    MESSAGE("SKIPPED: /usr/bin/python3 has no sklearn (apt-get install python3-sklearn)");
    return;
  }
  for (const auto& [seed, n, levels] : {std::tuple{1u, 2000ul, 0}, std::tuple{2u, 5000ul, 20},
                                        std::tuple{3u, 3000ul, 3}, std::tuple{4u, 50ul, 1}}) {
    CAPTURE(seed);
    const Case c = make_case(seed, n, levels);
    const auto sk = sklearn_metrics(c.scores, c.labels);
    CHECK(roc_auc(c.scores, c.labels) == doctest::Approx(sk.at("roc_auc")).epsilon(1e-12));
    CHECK(roc_curve(c.scores, c.labels).size() == sk.at("roc_points"));
  }
}

TEST_CASE("average_precision, log_loss, brier and threshold metrics equal scikit-learn's") {
  if (!sklearn_available()) {
    MESSAGE("SKIPPED: /usr/bin/python3 has no sklearn (apt-get install python3-sklearn)");
    return;
  }
  for (const auto& [seed, n, levels] : {std::tuple{5u, 2000ul, 0}, std::tuple{6u, 5000ul, 20},
                                        std::tuple{7u, 3000ul, 4}, std::tuple{8u, 40ul, 2}}) {
    CAPTURE(seed);
    Case c = make_case(seed, n, levels);
    c.scores[0] = 0.0;  // exercise log_loss's clipping at both ends
    c.scores[1] = 1.0;
    const auto sk = sklearn_metrics(c.scores, c.labels);
    CHECK(average_precision(c.scores, c.labels) ==
          doctest::Approx(sk.at("average_precision")).epsilon(1e-12));
    CHECK(log_loss(c.scores, c.labels) == doctest::Approx(sk.at("log_loss")).epsilon(1e-12));
    CHECK(brier(c.scores, c.labels) == doctest::Approx(sk.at("brier")).epsilon(1e-12));
    const ConfusionMatrix m = confusion_at(c.scores, c.labels, 0.5);
    CHECK(m.tn == sk.at("tn"));
    CHECK(m.fp == sk.at("fp"));
    CHECK(m.fn == sk.at("fn"));
    CHECK(m.tp == sk.at("tp"));
    CHECK(m.precision() == doctest::Approx(sk.at("precision")).epsilon(1e-12));
    CHECK(m.recall() == doctest::Approx(sk.at("recall")).epsilon(1e-12));
    CHECK(m.f1() == doctest::Approx(sk.at("f1")).epsilon(1e-12));
    CHECK(best_f1(c.scores, c.labels).confusion.f1() ==
          doctest::Approx(sk.at("best_f1")).epsilon(1e-12));
  }
}
