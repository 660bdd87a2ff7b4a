// predict() of forest.hpp.
#include <algorithm>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/forest/compiled_tree.hpp"
#include "adlake/forest/forest.hpp"

namespace adlake::forest {

namespace {

// Rows per block: a block's running sums stay in L1 while every tree visits
// it, and a tree's nodes stay in cache across the block's rows.
constexpr int64_t kBlock = 512;

template <int kCount>
void add_leaves(const CompiledTree& tree, const BinnedMatrix& x, int64_t first, double* score_sum,
                double* pctr_sum) {
  const uint8_t* rows[kCount];
  int32_t leaf[kCount];
  for (int k = 0; k < kCount; ++k) rows[k] = x.row(first + k);
  tree.leaves<kCount>(rows, leaf);
  for (int k = 0; k < kCount; ++k) {
    score_sum[k] += tree.score[leaf[k]];
    pctr_sum[k] += tree.pctr[leaf[k]];
  }
}

}  // namespace

Predictions predict(const Forest& forest, const BinnedMatrix& x) {
  if (x.features != forest.n_features()) {
    throw UsageError("rows have " + std::to_string(x.features) + " features, the forest " +
                     std::to_string(forest.n_features()));
  }
  Predictions out;
  out.score.assign(x.rows, 0.0);
  out.pctr.assign(x.rows, 0.0);
  out.raw_pctr.assign(x.rows, 0.0);
  if (forest.trees.empty() || x.rows == 0) return out;
  std::vector<CompiledTree> trees;
  trees.reserve(forest.trees.size());
  for (const Tree& t : forest.trees) trees.emplace_back(t);
  const double inv = 1.0 / static_cast<double>(trees.size());
  const auto n = static_cast<int64_t>(x.rows);
  // Each row adds its trees in tree order whatever the thread or block, so
  // the sums do not depend on the number of threads.
#pragma omp parallel for schedule(dynamic, 1)
  for (int64_t begin = 0; begin < n; begin += kBlock) {
    const int64_t end = std::min(n, begin + kBlock);
    for (const CompiledTree& tree : trees) {
      int64_t r = begin;
      for (; r + kLanes <= end; r += kLanes) {
        add_leaves<kLanes>(tree, x, r, &out.score[r], &out.raw_pctr[r]);
      }
      for (; r < end; ++r) add_leaves<1>(tree, x, r, &out.score[r], &out.raw_pctr[r]);
    }
    for (int64_t r = begin; r < end; ++r) {
      out.score[r] *= inv;
      out.raw_pctr[r] *= inv;
      out.pctr[r] = forest.calibration.apply(out.raw_pctr[r]);
    }
  }
  return out;
}

}  // namespace adlake::forest
