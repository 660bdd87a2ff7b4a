#include "adlake/eval/report.hpp"

#include <numeric>

#include "adlake/eval/calibration.hpp"
#include "adlake/eval/confusion.hpp"
#include "adlake/eval/precision_recall.hpp"
#include "adlake/eval/probability_metrics.hpp"
#include "adlake/eval/roc.hpp"

namespace adlake::eval {

namespace {

nlohmann::json threshold_json(double threshold, const ConfusionMatrix& m) {
  return {{"threshold", threshold},
          {"precision", m.precision()},
          {"recall", m.recall()},
          {"f1", m.f1()},
          // scikit-learn's confusion_matrix layout: rows true 0/1, columns predicted 0/1.
          {"confusion_matrix", {{m.tn, m.fp}, {m.fn, m.tp}}}};
}

nlohmann::json curve_json(const std::vector<CurvePoint>& curve, size_t points, const char* x,
                          const char* y) {
  nlohmann::json out = nlohmann::json::array();
  for (const CurvePoint& p : downsample(curve, points)) {
    out.push_back({{x, p.x}, {y, p.y}, {"threshold", p.threshold}});
  }
  return out;
}

}  // namespace

nlohmann::json binary_report(std::span<const double> scores, std::span<const double> probs,
                             std::span<const uint8_t> labels, size_t curve_points) {
  nlohmann::json r;
  const auto n = static_cast<int64_t>(labels.size());
  const int64_t positives = std::accumulate(labels.begin(), labels.end(), int64_t{0});
  r["rows"] = n;
  r["positive_rate"] = n > 0 ? static_cast<double>(positives) / static_cast<double>(n) : 0.0;
  // One sort of the scores for every ranking figure (each sorted them anew).
  const ThresholdCounts counts = threshold_counts(scores, labels);
  r["roc_auc"] = roc_auc(counts);
  r["pr_auc"] = average_precision(counts);
  r["log_loss"] = log_loss(probs, labels);
  r["brier"] = brier(probs, labels);
  r["mean_pctr"] =
      n > 0 ? std::accumulate(probs.begin(), probs.end(), 0.0) / static_cast<double>(n) : 0.0;
  r["at_0_5"] = threshold_json(0.5, confusion_at(scores, labels, 0.5));
  const BestF1 best = best_f1(counts);
  r["at_best_f1"] = threshold_json(best.threshold, best.confusion);
  nlohmann::json deciles = nlohmann::json::array();
  for (const CalibrationBin& b : calibration_table(probs, labels, 10)) {
    deciles.push_back({{"rows", b.rows},
                       {"min_pctr", b.min_prob},
                       {"max_pctr", b.max_prob},
                       {"mean_pctr", b.mean_prob},
                       {"observed_rate", b.observed_rate}});
  }
  r["calibration_deciles"] = deciles;
  r["roc_curve"] = curve_json(roc_curve(counts), curve_points, "fpr", "tpr");
  r["pr_curve"] = curve_json(pr_curve(counts), curve_points, "recall", "precision");
  return r;
}

}  // namespace adlake::eval
