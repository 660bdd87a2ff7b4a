#pragma once
// Average precision (the PR-AUC of the contract) and the precision-recall curve.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/eval/curve.hpp"
#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

// Equal to scikit-learn's average_precision_score: sum over the distinct
// thresholds, from the highest, of (recall gained) x (precision there); tied
// scores enter together. NaN when there is no positive.
double average_precision(std::span<const double> scores, std::span<const uint8_t> labels);
double average_precision(const ThresholdCounts& counts);

// `sum` plus, in threshold order, each threshold's recall gained times its
// precision (recall in positives, not yet divided): average precision is
// the whole list's sum over its positives.
double add_precision_steps(const ThresholdCounts& counts, double sum);

// The precision-recall point of threshold k.
CurvePoint pr_point(const ThresholdCounts& counts, size_t k);

// (recall, precision) at every distinct threshold from the highest score down
// to full recall; empty when there is no positive.
std::vector<CurvePoint> pr_curve(std::span<const double> scores, std::span<const uint8_t> labels);
std::vector<CurvePoint> pr_curve(const ThresholdCounts& counts);

}  // namespace adlake::eval
