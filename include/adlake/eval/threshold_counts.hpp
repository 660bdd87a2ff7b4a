#pragma once
// Cumulative confusion counts at every distinct score, the common core of the
// ranking metrics (ROC, precision-recall, best-F1). Mirrors scikit-learn's
// _binary_clf_curve: scores sorted descending, tied scores form one threshold.
#include <cstdint>
#include <span>
#include <vector>

namespace adlake::eval {

// One distinct score and how many positive and negative rows hold it.
struct ScoreCount {
  double score = 0;
  int64_t positives = 0;
  int64_t negatives = 0;
};

struct ThresholdCounts {
  // thresholds[k] is the k-th largest distinct score; tp[k] / fp[k] count the
  // positives / negatives with score >= thresholds[k].
  std::vector<double> thresholds;
  std::vector<int64_t> tp;
  std::vector<int64_t> fp;
  int64_t positives = 0;  // of the whole list
  int64_t negatives = 0;
  // A part of a longer list (eval/distributed_report.hpp): the positives and
  // negatives scored above thresholds[0]. 0 for a whole list.
  int64_t tp_before = 0;
  int64_t fp_before = 0;
};

// Throws UsageError if the spans differ in length, a score is NaN or a label is
// not 0 or 1.
void check_binary_inputs(std::span<const double> scores, std::span<const uint8_t> labels);

// The distinct scores, descending, with their class counts.
std::vector<ScoreCount> count_scores(std::span<const double> scores,
                                     std::span<const uint8_t> labels);

// Adds up the counts of equal scores in a list sorted descending.
void merge_equal_scores(std::vector<ScoreCount>& sorted);

// Cumulative counts of `counts` (distinct, descending), starting from
// tp_before / fp_before; positives and negatives are those of the list.
ThresholdCounts accumulate_counts(const std::vector<ScoreCount>& counts, int64_t tp_before = 0,
                                  int64_t fp_before = 0);

ThresholdCounts threshold_counts(std::span<const double> scores, std::span<const uint8_t> labels);

}  // namespace adlake::eval
