#include "adlake/forest/importance.hpp"

#include <cmath>

#include "adlake/core/error.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/forest/random.hpp"

namespace adlake::forest {

std::vector<double> impurity_importances(const Forest& forest) {
  const size_t n = forest.n_features();
  std::vector<double> total(n, 0.0);
  size_t used = 0;
  for (const Tree& tree : forest.trees) {
    if (tree.size() <= 1) continue;
    std::vector<double> imp(n, 0.0);
    for (size_t node = 0; node < tree.size(); ++node) {
      if (tree.feature[node] >= 0) imp[tree.feature[node]] += tree.gain[node];
    }
    double sum = 0;
    for (double v : imp) sum += v;
    if (sum <= 0) continue;
    for (size_t f = 0; f < n; ++f) total[f] += imp[f] / sum;
    ++used;
  }
  double sum = 0;
  for (double v : total) sum += v;
  if (used > 0 && sum > 0) {
    for (double& v : total) v /= sum;
  }
  return total;
}

std::vector<double> permutation_drops(const Forest& forest, const BinnedMatrix& x,
                                      std::span<const uint8_t> labels, double baseline_auc,
                                      size_t feature, int n_repeats, uint64_t seed) {
  if (n_repeats < 1) throw UsageError("permutation importance needs at least one repeat");
  BinnedMatrix shuffled = x;
  const size_t nf = x.features;
  std::vector<double> drops;
  for (int rep = 0; rep < n_repeats; ++rep) {
    TreeRng rng(seed, feature * static_cast<uint64_t>(n_repeats) + rep);
    for (size_t i = x.rows; i > 1; --i) {
      const size_t j = rng.below(i);
      std::swap(shuffled.bins[(i - 1) * nf + feature], shuffled.bins[j * nf + feature]);
    }
    drops.push_back(baseline_auc - eval::roc_auc(predict(forest, shuffled).score, labels));
  }
  return drops;
}

std::pair<double, double> mean_and_std(const std::vector<double>& values) {
  if (values.empty()) return {0.0, 0.0};
  double mean = 0, var = 0;
  for (double d : values) mean += d;
  mean /= static_cast<double>(values.size());
  for (double d : values) var += (d - mean) * (d - mean);
  return {mean, std::sqrt(var / static_cast<double>(values.size()))};
}

PermutationImportance permutation_importance(const Forest& forest, const BinnedMatrix& x,
                                             std::span<const uint8_t> labels, int n_repeats,
                                             uint64_t seed) {
  PermutationImportance out;
  out.baseline_auc = eval::roc_auc(predict(forest, x).score, labels);
  for (size_t f = 0; f < x.features; ++f) {
    const auto [mean, std] =
        mean_and_std(permutation_drops(forest, x, labels, out.baseline_auc, f, n_repeats, seed));
    out.mean.push_back(mean);
    out.std.push_back(std);
  }
  return out;
}

}  // namespace adlake::forest
