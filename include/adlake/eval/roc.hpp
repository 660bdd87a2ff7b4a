#pragma once
// Area under the ROC curve and the curve itself.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/eval/curve.hpp"
#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

// Equal to scikit-learn's roc_auc_score: trapezoids over the distinct
// thresholds, so tied scores count one half (the Mann-Whitney statistic).
// NaN when the labels hold only one class (scikit-learn raises there).
double roc_auc(std::span<const double> scores, std::span<const uint8_t> labels);
double roc_auc(const ThresholdCounts& counts);

// Twice the area under the ROC steps of counts' thresholds, in units of
// (1 negative x 1 positive), from (fp_before, tp_before): exact integers, so
// the parts of a list add up to the whole list's.
int64_t twice_roc_area(const ThresholdCounts& counts);

// The AUC from the whole list's twice_roc_area; NaN when a class is missing.
double roc_auc_of_area(int64_t twice_area, int64_t positives, int64_t negatives);

// The ROC point of threshold k (fpr, tpr over the whole list's classes).
CurvePoint roc_point(const ThresholdCounts& counts, size_t k);

// (fpr, tpr) at every distinct threshold, starting at (0, 0) like scikit-learn's
// roc_curve with drop_intermediate=false; empty when a class is missing.
std::vector<CurvePoint> roc_curve(std::span<const double> scores, std::span<const uint8_t> labels);
std::vector<CurvePoint> roc_curve(const ThresholdCounts& counts);

}  // namespace adlake::eval
