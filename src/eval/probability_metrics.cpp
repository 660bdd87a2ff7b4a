#include "adlake/eval/probability_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

double log_loss_term(double prob, uint8_t label) {
  constexpr double eps = std::numeric_limits<double>::epsilon();
  const double p = std::clamp(prob, eps, 1.0 - eps);
  return label ? -std::log(p) : -std::log(1.0 - p);
}

double log_loss(std::span<const double> probs, std::span<const uint8_t> labels) {
  check_binary_inputs(probs, labels);
  if (probs.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;  // adding a negated term equals subtracting it, bit for bit
  for (size_t i = 0; i < probs.size(); ++i) sum += log_loss_term(probs[i], labels[i]);
  return sum / static_cast<double>(probs.size());
}

double brier(std::span<const double> probs, std::span<const uint8_t> labels) {
  check_binary_inputs(probs, labels);
  if (probs.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (size_t i = 0; i < probs.size(); ++i) sum += brier_term(probs[i], labels[i]);
  return sum / static_cast<double>(probs.size());
}

}  // namespace adlake::eval
