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

std::vector<ScoreCount> count_scores(std::span<const double> scores,
                                     std::span<const uint8_t> labels) {
  check_binary_inputs(scores, labels);
  // The pairs themselves are sorted, not indices into the scores: an
  // indirect comparison misses the cache at every step (150k test rows).
  std::vector<ScoreCount> sorted(scores.size());
  for (size_t i = 0; i < scores.size(); ++i) {
    sorted[i] = {scores[i], labels[i], 1 - int64_t{labels[i]}};
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const ScoreCount& a, const ScoreCount& b) { return a.score > b.score; });
  merge_equal_scores(sorted);
  return sorted;
}

void merge_equal_scores(std::vector<ScoreCount>& sorted) {
  size_t out = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (out > 0 && sorted[out - 1].score == sorted[i].score) {
      sorted[out - 1].positives += sorted[i].positives;
      sorted[out - 1].negatives += sorted[i].negatives;
    } else {
      sorted[out++] = sorted[i];
    }
  }
  sorted.resize(out);
}

ThresholdCounts accumulate_counts(const std::vector<ScoreCount>& counts, int64_t tp_before,
                                  int64_t fp_before) {
  ThresholdCounts out;
  out.tp_before = tp_before;
  out.fp_before = fp_before;
  out.thresholds.reserve(counts.size());
  out.tp.reserve(counts.size());
  out.fp.reserve(counts.size());
  int64_t tp = tp_before, fp = fp_before;
  for (const ScoreCount& c : counts) {
    tp += c.positives;
    fp += c.negatives;
    out.thresholds.push_back(c.score);
    out.tp.push_back(tp);
    out.fp.push_back(fp);
  }
  out.positives = tp - tp_before;
  out.negatives = fp - fp_before;
  return out;
}

ThresholdCounts threshold_counts(std::span<const double> scores, std::span<const uint8_t> labels) {
  return accumulate_counts(count_scores(scores, labels));
}

}  // namespace adlake::eval
