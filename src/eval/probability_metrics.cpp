#include "adlake/eval/probability_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

double log_loss(std::span<const double> probs, std::span<const uint8_t> labels) {
  check_binary_inputs(probs, labels);
  if (probs.empty()) return std::numeric_limits<double>::quiet_NaN();
  constexpr double eps = std::numeric_limits<double>::epsilon();
  double sum = 0;
  for (size_t i = 0; i < probs.size(); ++i) {
    const double p = std::clamp(probs[i], eps, 1.0 - eps);
    sum -= labels[i] ? std::log(p) : std::log(1.0 - p);
  }
  return sum / static_cast<double>(probs.size());
}

double brier(std::span<const double> probs, std::span<const uint8_t> labels) {
  check_binary_inputs(probs, labels);
  if (probs.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (size_t i = 0; i < probs.size(); ++i) {
    const double d = probs[i] - labels[i];
    sum += d * d;
  }
  return sum / static_cast<double>(probs.size());
}

}  // namespace adlake::eval
