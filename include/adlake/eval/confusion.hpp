#pragma once
// Confusion matrices and the class-1 precision, recall and F1 they give.
#include <cstdint>
#include <span>

#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

struct ConfusionMatrix {
  int64_t tn = 0, fp = 0, fn = 0, tp = 0;

  // Each is 0 where its divisor is 0, as scikit-learn's zero_division=0.
  double precision() const;
  double recall() const;
  double f1() const;
};

// Rows with score >= threshold are predicted positive.
ConfusionMatrix confusion_at(std::span<const double> scores, std::span<const uint8_t> labels,
                             double threshold);

struct BestF1 {
  double threshold = 0;  // the distinct score whose ">= threshold" rule has the highest F1
  ConfusionMatrix confusion;
};

// Over all distinct scores; the highest threshold wins a tie in F1. With no
// positive, F1 is 0 everywhere and the threshold is the highest score.
BestF1 best_f1(std::span<const double> scores, std::span<const uint8_t> labels);
BestF1 best_f1(const ThresholdCounts& counts);

}  // namespace adlake::eval
