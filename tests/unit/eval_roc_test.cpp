#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/eval/roc.hpp"

using adlake::eval::roc_auc;
using adlake::eval::roc_curve;

TEST_CASE("roc_auc on hand-computed cases") {
  // Perfect and reversed rankings.
  CHECK(roc_auc(std::vector<double>{0.1, 0.2, 0.8, 0.9}, std::vector<uint8_t>{0, 0, 1, 1}) == 1.0);
  CHECK(roc_auc(std::vector<double>{0.9, 0.8, 0.2, 0.1}, std::vector<uint8_t>{0, 0, 1, 1}) == 0.0);
  // All tied: every positive-negative pair counts one half.
  CHECK(roc_auc(std::vector<double>{0.5, 0.5, 0.5}, std::vector<uint8_t>{0, 1, 0}) == 0.5);
  // Pairs (pos, neg): (0.8 vs 0.3) win, (0.8 vs 0.8) tie, (0.4 vs 0.3) win, (0.4 vs 0.8) loss:
  // (1 + 0.5 + 1 + 0) / 4.
  CHECK(roc_auc(std::vector<double>{0.8, 0.3, 0.4, 0.8}, std::vector<uint8_t>{1, 0, 1, 0}) ==
        doctest::Approx(0.625));
}

TEST_CASE("roc_auc is NaN with one class and rejects bad input") {
  CHECK(std::isnan(roc_auc(std::vector<double>{0.1, 0.2}, std::vector<uint8_t>{1, 1})));
  CHECK(std::isnan(roc_auc(std::vector<double>{}, std::vector<uint8_t>{})));
  CHECK_THROWS_AS(roc_auc(std::vector<double>{0.1}, std::vector<uint8_t>{1, 0}),
                  adlake::UsageError);
  CHECK_THROWS_AS(roc_auc(std::vector<double>{0.1, NAN}, std::vector<uint8_t>{1, 0}),
                  adlake::UsageError);
  CHECK_THROWS_AS(roc_auc(std::vector<double>{0.1, 0.2}, std::vector<uint8_t>{2, 0}),
                  adlake::UsageError);
}

TEST_CASE("roc_curve runs from (0,0) to (1,1) through the distinct thresholds") {
  const auto c =
      roc_curve(std::vector<double>{0.8, 0.3, 0.4, 0.8}, std::vector<uint8_t>{1, 0, 1, 0});
  REQUIRE(c.size() == 4);  // start + 3 distinct scores
  CHECK(c[0].x == 0.0);
  CHECK(c[0].y == 0.0);
  CHECK(c[1].threshold == 0.8);
  CHECK(c[1].x == 0.5);
  CHECK(c[1].y == 0.5);
  CHECK(c[2].x == 0.5);
  CHECK(c[2].y == 1.0);
  CHECK(c[3].x == 1.0);
  CHECK(c[3].y == 1.0);
}
