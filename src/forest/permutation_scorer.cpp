#include "adlake/forest/permutation_scorer.hpp"

#include <algorithm>
#include <string>

#include "adlake/core/error.hpp"

namespace adlake::forest {

PermutationScorer::PermutationScorer(const Forest& forest, const BinnedMatrix& x)
    : PermutationScorer(forest.trees, x) {
  if (x.features != forest.n_features()) {
    throw UsageError("rows have " + std::to_string(x.features) + " features, the forest " +
                     std::to_string(forest.n_features()));
  }
  baseline_ = mean_scores(x, -1);
}

PermutationScorer::PermutationScorer(std::span<const Tree> trees, const BinnedMatrix& x)
    : trees_(compile_trees(trees)), rows_(x.rows), features_(x.features), x_(x) {
  leaves_.resize(trees_.size() * rows_);
  const auto n = static_cast<int64_t>(rows_);
#pragma omp parallel for schedule(dynamic, 1)
  for (int64_t begin = 0; begin < n; begin += kRowBlock) {
    const int64_t count = std::min(n - begin, kRowBlock);
    for (size_t t = 0; t < trees_.size(); ++t) {
      trees_[t].leaves<kLanes>(
          count, [&](size_t i) { return x.row(begin + i); }, &leaves_[t * rows_ + begin]);
    }
  }
}

std::vector<double> PermutationScorer::score(const BinnedMatrix& shuffled, size_t feature) const {
  if (feature >= features_) {
    throw UsageError("permutation scorer: no feature " + std::to_string(feature));
  }
  return mean_scores(shuffled, static_cast<int32_t>(feature));
}

std::vector<double> PermutationScorer::mean_scores(const BinnedMatrix& x, int32_t changed) const {
  std::vector<double> out(rows_, 0.0);
  if (trees_.empty()) return out;
  add_scores(x, changed, out);
  const double inv = 1.0 / static_cast<double>(trees_.size());
  for (double& v : out) v *= inv;
  return out;
}

void PermutationScorer::add_scores(const BinnedMatrix& x, int32_t changed,
                                   std::vector<double>& sums) const {
  if (x.rows != rows_ || x.features != features_ || sums.size() != rows_ ||
      changed >= static_cast<int32_t>(features_)) {
    throw UsageError("permutation scorer: rows of another shape, or no feature " +
                     std::to_string(changed));
  }
  // Per tree and node, the first node on the way that tests the changed
  // feature: one pass over the nodes, shared by every block of rows.
  std::vector<std::vector<int32_t>> first_tests(trees_.size());
  for (size_t t = 0; t < trees_.size(); ++t) trees_[t].first_tests_of(changed, first_tests[t]);
  const auto n = static_cast<int64_t>(rows_);
#pragma omp parallel for schedule(dynamic, 1)
  for (int64_t begin = 0; begin < n; begin += kRowBlock) {
    add_block(x, changed, first_tests, begin, std::min(n - begin, kRowBlock), sums.data() + begin);
  }
}

void PermutationScorer::add_block(const BinnedMatrix& x, int32_t changed,
                                  const std::vector<std::vector<int32_t>>& first_tests,
                                  int64_t begin, int64_t count, double* out) const {
  // The rows whose bin of the changed feature moved; the others are the
  // scorer's own rows and keep their leaves in every tree.
  std::vector<uint32_t> moved;
  if (changed >= 0) {
    const auto f = static_cast<size_t>(changed);
    for (int64_t i = 0; i < count; ++i) {
      const auto r = static_cast<size_t>(begin + i);
      if (x.at(r, f) != x_.at(r, f)) moved.push_back(static_cast<uint32_t>(i));
    }
  }
  std::vector<int32_t> leaf(count), walked(moved.size()), from(moved.size());
  std::vector<uint32_t> again(moved.size());
  for (size_t t = 0; t < trees_.size(); ++t) {
    const CompiledTree& tree = trees_[t];
    const int32_t* cached = &leaves_[t * rows_ + begin];
    const int32_t* first = first_tests[t].data();
    std::copy(cached, cached + count, leaf.begin());
    size_t m = 0;
    for (const uint32_t i : moved) {
      again[m] = i;
      from[m] = first[cached[i]];
      // No branch: a row walks again about half the time.
      m += from[m] >= 0;
    }
    tree.leaves_from<kLanes>(
        m, [&](size_t j) { return x.row(begin + again[j]); }, [&](size_t j) { return from[j]; },
        walked.data());
    for (size_t j = 0; j < m; ++j) leaf[again[j]] = walked[j];
    for (int64_t i = 0; i < count; ++i) out[i] += tree.score[leaf[i]];
  }
}

}  // namespace adlake::forest
