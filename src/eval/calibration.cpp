#include "adlake/eval/calibration.hpp"

#include <algorithm>
#include <numeric>

#include "adlake/core/error.hpp"
#include "adlake/eval/threshold_counts.hpp"

namespace adlake::eval {

std::vector<CalibrationBin> calibration_table(std::span<const double> probs,
                                              std::span<const uint8_t> labels, int bins) {
  check_binary_inputs(probs, labels);
  if (bins < 1) throw UsageError("calibration_table: bins must be at least 1");
  const size_t n = probs.size();
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  // Stable, so rows of equal probability keep their input order and the table
  // is the same on every run.
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return probs[a] < probs[b]; });
  const size_t groups = std::min(n, static_cast<size_t>(bins));
  std::vector<CalibrationBin> out;
  for (size_t g = 0; g < groups; ++g) {
    const size_t begin = g * n / groups, end = (g + 1) * n / groups;
    CalibrationBin b;
    b.rows = static_cast<int64_t>(end - begin);
    b.min_prob = probs[order[begin]];
    b.max_prob = probs[order[end - 1]];
    double sum_p = 0;
    int64_t positives = 0;
    for (size_t i = begin; i < end; ++i) {
      sum_p += probs[order[i]];
      positives += labels[order[i]];
    }
    b.mean_prob = sum_p / static_cast<double>(b.rows);
    b.observed_rate = static_cast<double>(positives) / static_cast<double>(b.rows);
    out.push_back(b);
  }
  return out;
}

}  // namespace adlake::eval
