// predict() of forest.hpp.
#include <algorithm>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/forest/forest.hpp"

namespace adlake::forest {

namespace {

// A tree recompiled for traversal: one 16-byte node per cache-line slot
// instead of five arrays, children adjacent (the builder allocates them as
// a pair), the leaf values beside the node.
struct Node {
  int32_t feature;  // -1: leaf
  int32_t left;     // right child is left + 1; for a leaf: its index in leaf values
  int32_t test;     // numeric: threshold bin; categorical: -1 - set index
  int32_t unused = 0;
};

struct CompiledTree {
  std::vector<Node> nodes;
  std::vector<CategorySet> sets;
  std::vector<double> score, pctr;  // per leaf

  explicit CompiledTree(const Tree& t) : sets(t.sets) {
    nodes.reserve(t.size());
    for (size_t i = 0; i < t.size(); ++i) {
      if (t.feature[i] < 0) {
        nodes.push_back({-1, static_cast<int32_t>(score.size()), 0});
        score.push_back(t.score[i]);
        pctr.push_back(t.pctr[i]);
        continue;
      }
      if (t.right[i] != t.left[i] + 1)
        throw Error("tree nodes out of order: children not adjacent");
      const int32_t test = t.category_set[i] >= 0 ? -1 - t.category_set[i] : t.threshold[i];
      nodes.push_back({t.feature[i], t.left[i], test});
    }
  }

  const Node* child(const Node* n, const uint8_t* row) const {
    const uint32_t bin = row[n->feature];
    const bool right = n->test >= 0 ? bin > static_cast<uint32_t>(n->test)
                                    : !((sets[-1 - n->test][bin >> 6] >> (bin & 63)) & 1u);
    return nodes.data() + n->left + right;
  }

  // Adds the leaf values of `count` rows to the sums. The rows walk down
  // together, one level per round: a tree is too large for the L1 cache, and
  // walking one row at a time would wait for every node's load in turn.
  template <int kLanes>
  void add_leaves(const BinnedMatrix& x, int64_t first, double* score_sum, double* pctr_sum) const {
    const Node* at[kLanes];
    for (int k = 0; k < kLanes; ++k) at[k] = nodes.data();
    bool moving = true;
    while (moving) {
      moving = false;
      for (int k = 0; k < kLanes; ++k) {
        if (at[k]->feature < 0) continue;
        at[k] = child(at[k], x.row(first + k));
        moving = true;
      }
    }
    for (int k = 0; k < kLanes; ++k) {
      score_sum[k] += score[at[k]->left];
      pctr_sum[k] += pctr[at[k]->left];
    }
  }
};

// Rows per block: a block's running sums stay in L1 while every tree visits
// it, and a tree's nodes stay in cache across the block's rows.
constexpr int64_t kBlock = 512;
constexpr int kLanes = 16;

}  // namespace

Predictions predict(const Forest& forest, const BinnedMatrix& x) {
  if (x.features != forest.n_features()) {
    throw UsageError("rows have " + std::to_string(x.features) + " features, the forest " +
                     std::to_string(forest.n_features()));
  }
  Predictions out;
  out.score.assign(x.rows, 0.0);
  out.pctr.assign(x.rows, 0.0);
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
        tree.add_leaves<kLanes>(x, r, &out.score[r], &out.pctr[r]);
      }
      for (; r < end; ++r) tree.add_leaves<1>(x, r, &out.score[r], &out.pctr[r]);
    }
    for (int64_t r = begin; r < end; ++r) {
      out.score[r] *= inv;
      out.pctr[r] *= inv;
    }
  }
  return out;
}

}  // namespace adlake::forest
