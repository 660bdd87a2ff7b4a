#pragma once
// Metrics of predicted probabilities (not only their ranking).
#include <cstdint>
#include <span>

namespace adlake::eval {

// Equal to scikit-learn 1.2's log_loss with eps="auto": probabilities clipped
// to [eps, 1 - eps], eps the float64 machine epsilon, mean over rows.
// NaN on empty input.
double log_loss(std::span<const double> probs, std::span<const uint8_t> labels);

// Mean squared difference between probability and label, as scikit-learn's
// brier_score_loss. NaN on empty input.
double brier(std::span<const double> probs, std::span<const uint8_t> labels);

// One row's term of log_loss's sum (before the mean) and of brier's.
double log_loss_term(double prob, uint8_t label);
inline double brier_term(double prob, uint8_t label) {
  const double d = prob - label;
  return d * d;
}

}  // namespace adlake::eval
