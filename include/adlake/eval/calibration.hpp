#pragma once
// Calibration table: do predicted probabilities match observed rates?
#include <cstddef>
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

// How calibration_table cuts `rows` sorted rows: min(rows, bins) groups;
// group g holds the sorted rows [first_of_group(g), first_of_group(g + 1)).
struct CalibrationGroups {
  uint64_t rows = 0;
  uint64_t groups = 0;
  CalibrationGroups(uint64_t n, int bins);
  uint64_t first_of_group(uint64_t g) const { return g * rows / groups; }
};

// A group's figures from its sum of probabilities (added in sorted order).
CalibrationBin calibration_bin(int64_t rows, double min_prob, double max_prob, double sum_prob,
                               int64_t positives);

}  // namespace adlake::eval
