#include "adlake/eval/calibration.hpp"

#include <algorithm>
#include <numeric>

#include "adlake/core/error.hpp"
#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

CalibrationGroups::CalibrationGroups(uint64_t n, int bins) : rows(n) {
  if (bins < 1) throw UsageError("calibration_table: bins must be at least 1");
  groups = std::min<uint64_t>(n, static_cast<uint64_t>(bins));
}

CalibrationBin calibration_bin(int64_t rows, double min_prob, double max_prob, double sum_prob,
                               int64_t positives) {
  CalibrationBin b;
  b.rows = rows;
  b.min_prob = min_prob;
  b.max_prob = max_prob;
  b.mean_prob = sum_prob / static_cast<double>(rows);
  b.observed_rate = static_cast<double>(positives) / static_cast<double>(rows);
  return b;
}

std::vector<CalibrationBin> calibration_table(std::span<const double> probs,
                                              std::span<const uint8_t> labels, int bins) {
  check_binary_inputs(probs, labels);
  const CalibrationGroups cut(probs.size(), bins);
  std::vector<uint32_t> order(probs.size());
  std::iota(order.begin(), order.end(), 0u);
  // Stable, so rows of equal probability keep their input order and the table
  // is the same on every run.
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return probs[a] < probs[b]; });
  std::vector<CalibrationBin> out;
  for (uint64_t g = 0; g < cut.groups; ++g) {
    const uint64_t begin = cut.first_of_group(g), end = cut.first_of_group(g + 1);
    double sum_p = 0;
    int64_t positives = 0;
    for (uint64_t i = begin; i < end; ++i) {
      sum_p += probs[order[i]];
      positives += labels[order[i]];
    }
    out.push_back(calibration_bin(static_cast<int64_t>(end - begin), probs[order[begin]],
                                  probs[order[end - 1]], sum_p, positives));
  }
  return out;
}

}  // namespace adlake::eval
