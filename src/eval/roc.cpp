#include "adlake/eval/roc.hpp"

#include <limits>

#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

double roc_auc(std::span<const double> scores, std::span<const uint8_t> labels) {
  return roc_auc(threshold_counts(scores, labels));
}

int64_t twice_roc_area(const ThresholdCounts& c) {
  int64_t twice_area = 0;
  int64_t tp_prev = c.tp_before, fp_prev = c.fp_before;
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    twice_area += (c.fp[k] - fp_prev) * (c.tp[k] + tp_prev);
    tp_prev = c.tp[k];
    fp_prev = c.fp[k];
  }
  return twice_area;
}

double roc_auc_of_area(int64_t twice_area, int64_t positives, int64_t negatives) {
  if (positives == 0 || negatives == 0) return std::numeric_limits<double>::quiet_NaN();
  // Summed in integers, so the result is exact before this one division.
  return static_cast<double>(twice_area) /
         (2.0 * static_cast<double>(positives) * static_cast<double>(negatives));
}

double roc_auc(const ThresholdCounts& c) {
  return roc_auc_of_area(twice_roc_area(c), c.positives, c.negatives);
}

std::vector<CurvePoint> roc_curve(std::span<const double> scores, std::span<const uint8_t> labels) {
  return roc_curve(threshold_counts(scores, labels));
}

CurvePoint roc_point(const ThresholdCounts& c, size_t k) {
  return {static_cast<double>(c.fp[k]) / static_cast<double>(c.negatives),
          static_cast<double>(c.tp[k]) / static_cast<double>(c.positives), c.thresholds[k]};
}

std::vector<CurvePoint> roc_curve(const ThresholdCounts& c) {
  std::vector<CurvePoint> out;
  if (c.positives == 0 || c.negatives == 0) return out;
  out.reserve(c.thresholds.size() + 1);
  // scikit-learn 1.2 puts the first point's threshold one above the top score.
  out.push_back({0.0, 0.0, c.thresholds.front() + 1.0});
  for (size_t k = 0; k < c.thresholds.size(); ++k) out.push_back(roc_point(c, k));
  return out;
}

}  // namespace adlake::eval
