// predict() of forest.hpp.
#include <algorithm>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/forest/compiled_tree.hpp"
#include "adlake/forest/forest.hpp"

namespace adlake::forest {

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
  const double inv = 1.0 / static_cast<double>(forest.trees.size());
  const auto n = static_cast<int64_t>(x.rows);
  // Trees are compiled a chunk at a time: the compiled forest is as large as
  // the forest (70 MB at 5M requests), and every rank holds one. Each row
  // adds its trees in tree order whatever the chunk, thread or block, so the
  // sums do not depend on the number of threads.
  constexpr size_t kTreeChunk = 10;
  for (size_t first = 0; first < forest.trees.size(); first += kTreeChunk) {
    std::vector<CompiledTree> trees;
    for (size_t t = first; t < std::min(forest.trees.size(), first + kTreeChunk); ++t)
      trees.emplace_back(forest.trees[t]);
#pragma omp parallel for schedule(dynamic, 1)
    for (int64_t begin = 0; begin < n; begin += kRowBlock) {
      const int64_t end = std::min(n, begin + kRowBlock);
      std::vector<int32_t> leaf(end - begin);
      for (const CompiledTree& tree : trees) {
        tree.leaves<kLanes>(
            end - begin, [&](size_t i) { return x.row(begin + i); }, leaf.data());
        for (int64_t r = begin; r < end; ++r) {
          out.score[r] += tree.score[leaf[r - begin]];
          out.raw_pctr[r] += tree.pctr[leaf[r - begin]];
        }
      }
    }
  }
#pragma omp parallel for
  for (int64_t begin = 0; begin < n; begin += kRowBlock) {
    const int64_t end = std::min(n, begin + kRowBlock);
    for (int64_t r = begin; r < end; ++r) {
      out.score[r] *= inv;
      out.raw_pctr[r] *= inv;
      out.pctr[r] = forest.calibration.apply(out.raw_pctr[r]);
    }
  }
  return out;
}

}  // namespace adlake::forest
