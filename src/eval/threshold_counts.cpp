#include "adlake/eval/threshold_counts.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "adlake/core/error.hpp"

namespace adlake::eval {

void check_binary_inputs(std::span<const double> scores, std::span<const uint8_t> labels) {
  if (scores.size() != labels.size()) {
    throw UsageError("metrics: " + std::to_string(scores.size()) + " scores but " +
                     std::to_string(labels.size()) + " labels");
  }
  for (size_t i = 0; i < scores.size(); ++i) {
    if (std::isnan(scores[i])) throw UsageError("metrics: score " + std::to_string(i) + " is NaN");
    if (labels[i] > 1) {
      throw UsageError("metrics: label " + std::to_string(i) + " is " + std::to_string(labels[i]) +
                       ", not 0 or 1");
    }
  }
}

ThresholdCounts threshold_counts(std::span<const double> scores, std::span<const uint8_t> labels) {
  check_binary_inputs(scores, labels);
  std::vector<uint32_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return scores[a] > scores[b]; });

  ThresholdCounts out;
  int64_t tp = 0, fp = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    const double s = scores[order[i]];
    if (labels[order[i]])
      ++tp;
    else
      ++fp;
    const bool last_of_tie = i + 1 == order.size() || scores[order[i + 1]] != s;
    if (last_of_tie) {
      out.thresholds.push_back(s);
      out.tp.push_back(tp);
      out.fp.push_back(fp);
    }
  }
  out.positives = tp;
  out.negatives = fp;
  return out;
}

}  // namespace adlake::eval
