#pragma once
// Calibrated click probabilities. A forest's averaged leaf rates are
// squeezed toward the mean (averaging many trees shrinks the extremes), so
// pctr is mapped through a logistic curve on its logit (Platt scaling)
// fitted on out-of-bag predictions of the training rows: rows a tree did not
// see, so the fit is honest without a held-out set.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/forest/params.hpp"
#include "adlake/forest/tree.hpp"
#include "adlake/forest/tree_builder.hpp"

namespace adlake::forest {

struct PlattCalibration {
  double a = 1.0, b = 0.0;  // calibrated = sigmoid(a * logit(p) + b)
  int64_t rows = 0;         // rows it was fitted on; 0: the identity

  double apply(double p) const;
};

// Maximum-likelihood (a, b) by Newton's method; the identity when a class is
// missing.
PlattCalibration fit_platt(std::span<const double> probs, std::span<const uint8_t> labels);

// The rows calibration uses: at most max_rows rows of the whole training
// set, evenly spaced (every stride-th), given as this process's local rows.
std::vector<uint32_t> calibration_rows(const TrainingSet& data, size_t max_rows = 100000);

// The sampled rows that were out of bag at least once: their mean
// out-of-bag pctr and label, in row order (what the calibration is fitted on).
struct OobSample {
  std::vector<double> probs;
  std::vector<uint8_t> labels;
};

// Out-of-bag pctr sums of the sampled rows, added a batch of trees at a time
// as they are grown, in fixed point (2^-40): integer sums are exact, so
// neither the batches nor the threads change them.
class OobPctrSums {
 public:
  OobPctrSums(const TrainingSet& data, const ForestParams& params,
              std::vector<uint32_t> sample_rows);
  // Adds the trees whose indices (in the forest) are given.
  void add(std::span<const Tree> trees, std::span<const uint64_t> tree_indices);
  // The sampled rows out of bag of at least one tree added.
  OobSample sample() const;

 private:
  const TrainingSet& data_;
  ForestParams params_;
  std::vector<uint32_t> rows_;  // sampled local rows
  std::vector<uint8_t> bins_;   // their bins, row by row, for walking the trees
  std::vector<int64_t> sum_;    // per sampled row
  std::vector<int32_t> count_;  // trees for which the row was out of bag
};

}  // namespace adlake::forest
