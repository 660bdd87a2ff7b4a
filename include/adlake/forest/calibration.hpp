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

// At most max_rows training rows, evenly spaced: the rows calibration uses.
std::vector<uint32_t> calibration_rows(size_t rows, size_t max_rows = 100000);

// Out-of-bag pctr sums of the sampled rows over the given trees, in fixed
// point (2^-40), so that adding sums from several ranks is exact and the
// result does not depend on who grew which tree.
struct OobSums {
  std::vector<int64_t> sum;    // per sampled row
  std::vector<int32_t> count;  // trees for which the row was out of bag
};

OobSums oob_pctr_sums(const TrainingSet& data, const ForestParams& params,
                      std::span<const Tree> trees, std::span<const uint64_t> tree_indices,
                      std::span<const uint32_t> sample_rows);

// Fits on the sampled rows that were out of bag at least once.
PlattCalibration calibrate_from_oob(const OobSums& oob, std::span<const uint8_t> labels,
                                    std::span<const uint32_t> sample_rows);

}  // namespace adlake::forest
