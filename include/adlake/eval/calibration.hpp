#pragma once
// Calibration table: do predicted probabilities match observed rates?
#include <cstdint>
#include <span>
#include <vector>

namespace adlake::eval {

struct CalibrationBin {
  int64_t rows = 0;
  double min_prob = 0, max_prob = 0;
  double mean_prob = 0;      // mean prediction in the bin
  double observed_rate = 0;  // fraction of positives in the bin
};

// Rows sorted by probability (ties kept in input order) and cut into `bins`
// groups of equal size (differing by at most one row): deciles for bins = 10.
// Fewer bins when there are fewer rows than bins.
std::vector<CalibrationBin> calibration_table(std::span<const double> probs,
                                              std::span<const uint8_t> labels, int bins = 10);

}  // namespace adlake::eval
