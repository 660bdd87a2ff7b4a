#include "adlake/eval/roc.hpp"

#include <limits>

#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

double roc_auc(std::span<const double> scores, std::span<const uint8_t> labels) {
  return roc_auc(threshold_counts(scores, labels));
}

double roc_auc(const ThresholdCounts& c) {
  if (c.positives == 0 || c.negatives == 0) return std::numeric_limits<double>::quiet_NaN();
  // Twice the area in units of (1 negative x 1 positive), summed in integers so
  // that the result is exact before the single division.
  int64_t twice_area = 0;
  int64_t tp_prev = 0, fp_prev = 0;
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    twice_area += (c.fp[k] - fp_prev) * (c.tp[k] + tp_prev);
    tp_prev = c.tp[k];
    fp_prev = c.fp[k];
  }
  return static_cast<double>(twice_area) /
         (2.0 * static_cast<double>(c.positives) * static_cast<double>(c.negatives));
}

std::vector<CurvePoint> roc_curve(std::span<const double> scores, std::span<const uint8_t> labels) {
  return roc_curve(threshold_counts(scores, labels));
}

std::vector<CurvePoint> roc_curve(const ThresholdCounts& c) {
  std::vector<CurvePoint> out;
  if (c.positives == 0 || c.negatives == 0) return out;
  out.reserve(c.thresholds.size() + 1);
  // scikit-learn 1.2 puts the first point's threshold one above the top score.
  out.push_back({0.0, 0.0, c.thresholds.front() + 1.0});
  const double p = static_cast<double>(c.positives), n = static_cast<double>(c.negatives);
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    out.push_back(
        {static_cast<double>(c.fp[k]) / n, static_cast<double>(c.tp[k]) / p, c.thresholds[k]});
  }
  return out;
}

}  // namespace adlake::eval
