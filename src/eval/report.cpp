#include "adlake/eval/report.hpp"

#include <numeric>

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

nlohmann::json curve_json(const std::vector<CurvePoint>& curve, const char* x, const char* y) {
  nlohmann::json out = nlohmann::json::array();
  for (const CurvePoint& p : curve) out.push_back({{x, p.x}, {y, p.y}, {"threshold", p.threshold}});
  return out;
}

}  // namespace

nlohmann::json report_json(const BinaryFigures& f) {
  nlohmann::json r;
  r["rows"] = f.rows;
  r["positive_rate"] =
      f.rows > 0 ? static_cast<double>(f.positives) / static_cast<double>(f.rows) : 0.0;
  r["roc_auc"] = f.roc_auc;
  r["pr_auc"] = f.pr_auc;
  r["log_loss"] = f.log_loss;
  r["brier"] = f.brier;
  r["mean_pctr"] = f.mean_pctr;
  r["at_0_5"] = threshold_json(0.5, f.at_0_5);
  r["at_best_f1"] = threshold_json(f.best.threshold, f.best.confusion);
  nlohmann::json deciles = nlohmann::json::array();
  for (const CalibrationBin& b : f.deciles) {
    deciles.push_back({{"rows", b.rows},
                       {"min_pctr", b.min_prob},
                       {"max_pctr", b.max_prob},
                       {"mean_pctr", b.mean_prob},
                       {"observed_rate", b.observed_rate}});
  }
  r["calibration_deciles"] = deciles;
  r["roc_curve"] = curve_json(f.roc_curve, "fpr", "tpr");
  r["pr_curve"] = curve_json(f.pr_curve, "recall", "precision");
  return r;
}

BinaryFigures binary_figures(std::span<const double> scores, std::span<const double> probs,
                             std::span<const uint8_t> labels, size_t curve_points) {
  BinaryFigures f;
  f.rows = static_cast<int64_t>(labels.size());
  f.positives = std::accumulate(labels.begin(), labels.end(), int64_t{0});
  // One sort of the scores for every ranking figure (each sorted them anew).
  const ThresholdCounts counts = threshold_counts(scores, labels);
  f.roc_auc = roc_auc(counts);
  f.pr_auc = average_precision(counts);
  f.log_loss = log_loss(probs, labels);
  f.brier = brier(probs, labels);
  f.mean_pctr = f.rows > 0
                    ? std::accumulate(probs.begin(), probs.end(), 0.0) / static_cast<double>(f.rows)
                    : 0.0;
  f.at_0_5 = confusion_at(scores, labels, 0.5);
  f.best = best_f1(counts);
  f.deciles = calibration_table(probs, labels, 10);
  f.roc_curve = downsample(roc_curve(counts), curve_points);
  f.pr_curve = downsample(pr_curve(counts), curve_points);
  return f;
}

}  // namespace adlake::eval
