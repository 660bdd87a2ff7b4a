#include "adlake/eval/threshold_counts.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

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
  // The pairs themselves are sorted, not indices into the scores: an
  // indirect comparison misses the cache at every step (150k test rows).
  // Tied scores may come in any order: only the counts after a tie are kept.
  std::vector<std::pair<double, uint8_t>> sorted(scores.size());
  for (size_t i = 0; i < scores.size(); ++i) sorted[i] = {scores[i], labels[i]};
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });

  ThresholdCounts out;
  int64_t tp = 0, fp = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const double s = sorted[i].first;
    if (sorted[i].second)
      ++tp;
    else
      ++fp;
    const bool last_of_tie = i + 1 == sorted.size() || sorted[i + 1].first != s;
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
