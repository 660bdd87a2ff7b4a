// The distinct-score counts the ranking metrics are built from, and their
// merge: what the ranks exchange to compute the metrics without the rows.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "adlake/eval/precision_recall.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/eval/threshold_counts.hpp"

using namespace adlake::eval;

TEST_CASE("count_scores: distinct scores descending with class counts") {
  const auto c = count_scores(std::vector<double>{0.2, 0.9, 0.2, 0.5, 0.9, 0.2},
                              std::vector<uint8_t>{1, 0, 0, 1, 1, 0});
  REQUIRE(c.size() == 3);
  CHECK(c[0].score == 0.9);
  CHECK(c[0].positives == 1);
  CHECK(c[0].negatives == 1);
  CHECK(c[1].score == 0.5);
  CHECK(c[2].positives == 1);
  CHECK(c[2].negatives == 2);
  CHECK(count_scores(std::vector<double>{}, std::vector<uint8_t>{}).empty());
}

TEST_CASE("merge_equal_scores adds the runs of one score from several lists") {
  // Two ranks' lists concatenated and sorted: 0.7 on both.
  std::vector<ScoreCount> runs{{0.9, 1, 0}, {0.7, 2, 1}, {0.7, 0, 3}, {0.1, 0, 1}};
  merge_equal_scores(runs);
  REQUIRE(runs.size() == 3);
  CHECK(runs[1].score == 0.7);
  CHECK(runs[1].positives == 2);
  CHECK(runs[1].negatives == 4);
  std::vector<ScoreCount> none;
  merge_equal_scores(none);
  CHECK(none.empty());
}

TEST_CASE("parts of a count list, accumulated from what is above them, add up to the whole") {
  const std::vector<double> s{0.9, 0.8, 0.8, 0.6, 0.4, 0.4, 0.3, 0.1};
  const std::vector<uint8_t> y{1, 0, 1, 1, 0, 1, 0, 0};
  const auto counts = count_scores(s, y);
  const ThresholdCounts whole = accumulate_counts(counts);
  // Split after the second distinct score, as two ranks would hold it.
  const std::vector<ScoreCount> top(counts.begin(), counts.begin() + 2),
      rest(counts.begin() + 2, counts.end());
  ThresholdCounts a = accumulate_counts(top);
  ThresholdCounts b = accumulate_counts(rest, a.tp.back(), a.fp.back());
  for (ThresholdCounts* part : {&a, &b}) {
    part->positives = whole.positives;
    part->negatives = whole.negatives;
  }
  CHECK(twice_roc_area(a) + twice_roc_area(b) == twice_roc_area(whole));
  CHECK(add_precision_steps(b, add_precision_steps(a, 0.0)) == add_precision_steps(whole, 0.0));
  CHECK(roc_auc(whole) == roc_auc(s, y));
  CHECK(b.tp.back() == whole.positives);
}

TEST_CASE("one class: AUC undefined, counts still exact") {
  const std::vector<double> s{0.3, 0.3, 0.2};
  const std::vector<uint8_t> y{0, 0, 0};
  const ThresholdCounts c = threshold_counts(s, y);
  CHECK(c.positives == 0);
  CHECK(c.negatives == 3);
  CHECK(c.fp == std::vector<int64_t>{2, 3});
  CHECK(std::isnan(roc_auc(c)));
  CHECK(std::isnan(average_precision(c)));
}
