#pragma once
// Cumulative confusion counts at every distinct score, the common core of the
// ranking metrics (ROC, precision-recall, best-F1). Mirrors scikit-learn's
// _binary_clf_curve: scores sorted descending, tied scores form one threshold.
#include <cstdint>
#include <span>
#include <vector>

namespace adlake::eval {

struct ThresholdCounts {
  // thresholds[k] is the k-th largest distinct score; tp[k] / fp[k] count the
  // positives / negatives with score >= thresholds[k].
  std::vector<double> thresholds;
  std::vector<int64_t> tp;
  std::vector<int64_t> fp;
  int64_t positives = 0;
  int64_t negatives = 0;
};

// Throws UsageError if the spans differ in length, a score is NaN or a label is
// not 0 or 1.
void check_binary_inputs(std::span<const double> scores, std::span<const uint8_t> labels);

ThresholdCounts threshold_counts(std::span<const double> scores, std::span<const uint8_t> labels);

}  // namespace adlake::eval
