#include "adlake/eval/confusion.hpp"

#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

namespace {
double ratio(int64_t num, int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}
}  // namespace

double ConfusionMatrix::precision() const {
  return ratio(tp, tp + fp);
}
double ConfusionMatrix::recall() const {
  return ratio(tp, tp + fn);
}
double ConfusionMatrix::f1() const {
  return ratio(2 * tp, 2 * tp + fp + fn);
}

ConfusionMatrix confusion_at(std::span<const double> scores, std::span<const uint8_t> labels,
                             double threshold) {
  check_binary_inputs(scores, labels);
  ConfusionMatrix m;
  for (size_t i = 0; i < scores.size(); ++i) {
    const bool predicted = scores[i] >= threshold;
    if (labels[i]) {
      (predicted ? m.tp : m.fn)++;
    } else {
      (predicted ? m.fp : m.tn)++;
    }
  }
  return m;
}

BestF1 best_f1(std::span<const double> scores, std::span<const uint8_t> labels) {
  return best_f1(threshold_counts(scores, labels));
}

BestF1 best_f1(const ThresholdCounts& c) {
  BestF1 best;
  double best_f1 = -1;
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    ConfusionMatrix m;
    m.tp = c.tp[k];
    m.fp = c.fp[k];
    m.fn = c.positives - c.tp[k];
    m.tn = c.negatives - c.fp[k];
    if (m.f1() > best_f1) {
      best_f1 = m.f1();
      best = {c.thresholds[k], m};
    }
  }
  return best;
}

}  // namespace adlake::eval
