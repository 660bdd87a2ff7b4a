// predict() and PredictionSums of forest.hpp.
#include <algorithm>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/forest/compiled_tree.hpp"
#include "adlake/forest/forest.hpp"

namespace adlake::forest {

PredictionSums::PredictionSums(size_t rows) {
  sums_.score.assign(rows, 0.0);
  sums_.raw_pctr.assign(rows, 0.0);
}

void PredictionSums::add(std::span<const Tree> trees, const BinnedMatrix& x) {
  if (x.rows != sums_.score.size()) {
    throw UsageError("prediction sums of " + std::to_string(sums_.score.size()) + " rows given " +
                     std::to_string(x.rows) + " rows");
  }
  trees_ += trees.size();
  const auto n = static_cast<int64_t>(x.rows);
  // Trees are compiled a chunk at a time: a compiled tree is as large as the
  // tree. Each row adds its trees in tree order whatever the chunk, thread,
  // block or call, so the sums do not depend on the number of threads or on
  // how the trees are handed in.
  constexpr size_t kTreeChunk = 10;
  for (size_t first = 0; first < trees.size() && n > 0; first += kTreeChunk) {
    std::vector<CompiledTree> chunk;
    for (size_t t = first; t < std::min(trees.size(), first + kTreeChunk); ++t)
      chunk.emplace_back(trees[t]);
#pragma omp parallel for schedule(dynamic, 1)
    for (int64_t begin = 0; begin < n; begin += kRowBlock) {
      const int64_t end = std::min(n, begin + kRowBlock);
      std::vector<int32_t> leaf(end - begin);
      for (const CompiledTree& tree : chunk) {
        tree.leaves<kLanes>(
            end - begin, [&](size_t i) { return x.row(begin + i); }, leaf.data());
        for (int64_t r = begin; r < end; ++r) {
          sums_.score[r] += tree.score[leaf[r - begin]];
          sums_.raw_pctr[r] += tree.pctr[leaf[r - begin]];
        }
      }
    }
  }
}

Predictions PredictionSums::finish(const PlattCalibration& calibration) && {
  Predictions out = std::move(sums_);
  out.pctr.assign(out.score.size(), 0.0);
  if (trees_ == 0) return out;
  const double inv = 1.0 / static_cast<double>(trees_);
  const auto n = static_cast<int64_t>(out.score.size());
#pragma omp parallel for
  for (int64_t begin = 0; begin < n; begin += kRowBlock) {
    const int64_t end = std::min(n, begin + kRowBlock);
    for (int64_t r = begin; r < end; ++r) {
      out.score[r] *= inv;
      out.raw_pctr[r] *= inv;
      out.pctr[r] = calibration.apply(out.raw_pctr[r]);
    }
  }
  return out;
}

Predictions predict(const Forest& forest, const BinnedMatrix& x) {
  if (x.features != forest.n_features()) {
    throw UsageError("rows have " + std::to_string(x.features) + " features, the forest " +
                     std::to_string(forest.n_features()));
  }
  PredictionSums sums(x.rows);
  sums.add(forest.trees, x);
  return std::move(sums).finish(forest.calibration);
}

}  // namespace adlake::forest
