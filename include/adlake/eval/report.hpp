#pragma once
// Every evaluation figure of a binary classifier in one JSON object, for
// metrics.json (CONTRACT section 4) and the report.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "adlake/eval/calibration.hpp"
#include "adlake/eval/confusion.hpp"
#include "adlake/eval/curve.hpp"

namespace adlake::eval {

// The figures binary_report writes, however they were computed (in one
// process here, or over the ranks in eval/distributed_report.hpp).
struct BinaryFigures {
  int64_t rows = 0;
  int64_t positives = 0;
  double roc_auc = 0, pr_auc = 0, log_loss = 0, brier = 0, mean_pctr = 0;
  ConfusionMatrix at_0_5;
  BestF1 best;
  std::vector<CalibrationBin> deciles;
  std::vector<CurvePoint> roc_curve, pr_curve;  // thinned
};

nlohmann::json report_json(const BinaryFigures& figures);

// `scores` rank the rows (ROC-AUC, PR-AUC, threshold metrics); `probs` are the
// calibrated click probabilities (log loss, Brier score, calibration table).
// Threshold metrics are given at 0.5 on the score (what a class-balanced
// classifier predicts, as scikit-learn's predict) and at the score threshold of
// best F1. Curves are thinned to at most curve_points points.
BinaryFigures binary_figures(std::span<const double> scores, std::span<const double> probs,
                             std::span<const uint8_t> labels, size_t curve_points = 101);

inline nlohmann::json binary_report(std::span<const double> scores, std::span<const double> probs,
                                    std::span<const uint8_t> labels, size_t curve_points = 101) {
  return report_json(binary_figures(scores, probs, labels, curve_points));
}

}  // namespace adlake::eval
