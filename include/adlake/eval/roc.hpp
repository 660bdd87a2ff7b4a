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

// (fpr, tpr) at every distinct threshold, starting at (0, 0) like scikit-learn's
// roc_curve with drop_intermediate=false; empty when a class is missing.
std::vector<CurvePoint> roc_curve(std::span<const double> scores, std::span<const uint8_t> labels);
std::vector<CurvePoint> roc_curve(const ThresholdCounts& counts);

}  // namespace adlake::eval
