#include "adlake/eval/precision_recall.hpp"

#include <limits>

#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

double average_precision(std::span<const double> scores, std::span<const uint8_t> labels) {
  return average_precision(threshold_counts(scores, labels));
}

double average_precision(const ThresholdCounts& c) {
  if (c.positives == 0) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  int64_t tp_prev = 0;
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    if (c.tp[k] == tp_prev) continue;
    const double precision = static_cast<double>(c.tp[k]) / static_cast<double>(c.tp[k] + c.fp[k]);
    sum += static_cast<double>(c.tp[k] - tp_prev) * precision;
    tp_prev = c.tp[k];
  }
  return sum / static_cast<double>(c.positives);
}

std::vector<CurvePoint> pr_curve(std::span<const double> scores, std::span<const uint8_t> labels) {
  return pr_curve(threshold_counts(scores, labels));
}

std::vector<CurvePoint> pr_curve(const ThresholdCounts& c) {
  std::vector<CurvePoint> out;
  if (c.positives == 0) return out;
  const double p = static_cast<double>(c.positives);
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    out.push_back({static_cast<double>(c.tp[k]) / p,
                   static_cast<double>(c.tp[k]) / static_cast<double>(c.tp[k] + c.fp[k]),
                   c.thresholds[k]});
    if (c.tp[k] == c.positives) break;  // past full recall only precision falls
  }
  return out;
}

}  // namespace adlake::eval
