#include "adlake/eval/precision_recall.hpp"

#include <limits>

#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

double average_precision(std::span<const double> scores, std::span<const uint8_t> labels) {
  return average_precision(threshold_counts(scores, labels));
}

double add_precision_steps(const ThresholdCounts& c, double sum) {
  int64_t tp_prev = c.tp_before;
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    if (c.tp[k] == tp_prev) continue;
    const double precision = static_cast<double>(c.tp[k]) / static_cast<double>(c.tp[k] + c.fp[k]);
    sum += static_cast<double>(c.tp[k] - tp_prev) * precision;
    tp_prev = c.tp[k];
  }
  return sum;
}

double average_precision(const ThresholdCounts& c) {
  if (c.positives == 0) return std::numeric_limits<double>::quiet_NaN();
  return add_precision_steps(c, 0.0) / static_cast<double>(c.positives);
}

std::vector<CurvePoint> pr_curve(std::span<const double> scores, std::span<const uint8_t> labels) {
  return pr_curve(threshold_counts(scores, labels));
}

CurvePoint pr_point(const ThresholdCounts& c, size_t k) {
  return {static_cast<double>(c.tp[k]) / static_cast<double>(c.positives),
          static_cast<double>(c.tp[k]) / static_cast<double>(c.tp[k] + c.fp[k]), c.thresholds[k]};
}

std::vector<CurvePoint> pr_curve(const ThresholdCounts& c) {
  std::vector<CurvePoint> out;
  if (c.positives == 0) return out;
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    out.push_back(pr_point(c, k));
    if (c.tp[k] == c.positives) break;  // past full recall only precision falls
  }
  return out;
}

}  // namespace adlake::eval
