#pragma once
// Every evaluation figure of a binary classifier in one JSON object, for
// metrics.json (CONTRACT section 4) and the report.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>

namespace adlake::eval {

// `scores` rank the rows (ROC-AUC, PR-AUC, threshold metrics); `probs` are the
// calibrated click probabilities (log loss, Brier score, calibration table).
// Threshold metrics are given at 0.5 on the score (what a class-balanced
// classifier predicts, as scikit-learn's predict) and at the score threshold of
// best F1. Curves are thinned to at most curve_points points.
nlohmann::json binary_report(std::span<const double> scores, std::span<const double> probs,
                             std::span<const uint8_t> labels, size_t curve_points = 101);

}  // namespace adlake::eval
