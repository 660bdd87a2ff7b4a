#include "adlake/forest/importance.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/core/parallel_for.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/forest/random.hpp"

namespace adlake::forest {

ImpuritySums::ImpuritySums(size_t n_features) : total_(n_features, 0.0) {}

void ImpuritySums::add(std::span<const Tree> trees) {
  const size_t n = total_.size();
  for (const Tree& tree : trees) {
    if (tree.size() <= 1) continue;
    std::vector<double> imp(n, 0.0);
    for (size_t node = 0; node < tree.size(); ++node) {
      if (tree.feature[node] >= 0) imp[tree.feature[node]] += tree.gain[node];
    }
    double sum = 0;
    for (double v : imp) sum += v;
    if (sum <= 0) continue;
    for (size_t f = 0; f < n; ++f) total_[f] += imp[f] / sum;
    ++used_;
  }
}

std::vector<double> ImpuritySums::importances() const {
  std::vector<double> total = total_;
  double sum = 0;
  for (double v : total) sum += v;
  if (used_ > 0 && sum > 0) {
    for (double& v : total) v /= sum;
  }
  return total;
}

std::vector<double> impurity_importances(const Forest& forest) {
  ImpuritySums sums(forest.n_features());
  sums.add(forest.trees);
  return sums.importances();
}

BinnedMatrix shuffled_column(const BinnedMatrix& x, size_t feature, int repeat, int n_repeats,
                             uint64_t seed) {
  if (repeat < 0 || repeat >= n_repeats) {
    throw UsageError("permutation repeat " + std::to_string(repeat) + " is not below " +
                     std::to_string(n_repeats));
  }
  BinnedMatrix shuffled = x;
  const size_t nf = x.features;
  for (int rep = 0; rep <= repeat; ++rep) {
    TreeRng rng(seed, feature * static_cast<uint64_t>(n_repeats) + rep);
    for (size_t i = x.rows; i > 1; --i) {
      const size_t j = rng.below(i);
      std::swap(shuffled.bins[(i - 1) * nf + feature], shuffled.bins[j * nf + feature]);
    }
  }
  return shuffled;
}

std::vector<double> permutation_drops(const PermutationScorer& scorer, const BinnedMatrix& x,
                                      std::span<const uint8_t> labels, double baseline_auc,
                                      std::span<const uint64_t> jobs, int n_repeats,
                                      uint64_t seed) {
  if (n_repeats < 1) throw UsageError("permutation importance needs at least one repeat");
  std::vector<double> drops(jobs.size());
  parallel_for_each_index(static_cast<int64_t>(jobs.size()), [&](int64_t i) {
    const size_t feature = jobs[i] / n_repeats;
    const auto repeat = static_cast<int>(jobs[i] % n_repeats);
    const BinnedMatrix shuffled = shuffled_column(x, feature, repeat, n_repeats, seed);
    drops[i] = baseline_auc - eval::roc_auc(scorer.score(shuffled, feature), labels);
  });
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

void summarize_drops(const std::vector<double>& drops, int n_repeats, PermutationImportance& out) {
  out.mean.clear();
  out.std.clear();
  for (size_t first = 0; first + n_repeats <= drops.size(); first += n_repeats) {
    const auto [mean, std] =
        mean_and_std(std::vector<double>(drops.begin() + first, drops.begin() + first + n_repeats));
    out.mean.push_back(mean);
    out.std.push_back(std);
  }
}

PermutationImportance permutation_importance(const Forest& forest, const BinnedMatrix& x,
                                             std::span<const uint8_t> labels, int n_repeats,
                                             uint64_t seed) {
  PermutationImportance out;
  const PermutationScorer scorer(forest, x);
  out.baseline_auc = eval::roc_auc(scorer.baseline(), labels);
  std::vector<uint64_t> jobs(x.features * std::max(n_repeats, 0));
  for (size_t j = 0; j < jobs.size(); ++j) jobs[j] = j;
  summarize_drops(permutation_drops(scorer, x, labels, out.baseline_auc, jobs, n_repeats, seed),
                  n_repeats, out);
  return out;
}

}  // namespace adlake::forest
