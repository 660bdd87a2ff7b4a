#pragma once
// A tree recompiled for fast traversal (predict, out-of-bag scores).
#include <cstdint>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/forest/tree.hpp"

namespace adlake::forest {

// A tree recompiled for traversal: one 16-byte node instead of five arrays,
// children adjacent (the builder allocates them as a pair). The walk has no
// data-dependent branches, which mispredicted on every level (about half the
// time of predicting): a node computes both the numeric and the categorical
// test and selects one, and a leaf is a numeric node that always goes left,
// to itself.
struct Node {
  int32_t feature;      // a leaf tests feature 0
  int32_t left;         // right child is left + 1; a leaf's left is itself
  int32_t set;          // categorical: index into sets; numeric: 0, a dummy set
  uint8_t threshold;    // numeric: bin <= threshold goes left; a leaf: 255
  uint8_t categorical;  // 1: the set decides
  uint16_t unused = 0;
};

struct CompiledTree {
  std::vector<Node> nodes;
  std::vector<CategorySet> sets;    // sets[0] is the numeric nodes' dummy
  std::vector<double> score, pctr;  // per node (a leaf's values)
  // Per node, the features tested on the way to it (bit f % 64, so two
  // features may share a bit): a row whose leaf lacks feature f's bit reaches
  // the same leaf whatever its bin of f (permutation importance).
  std::vector<uint64_t> path_features;

  explicit CompiledTree(const Tree& t) : score(t.score), pctr(t.pctr) {
    sets.reserve(t.sets.size() + 1);
    sets.push_back({});
    sets.insert(sets.end(), t.sets.begin(), t.sets.end());
    nodes.reserve(t.size());
    path_features.assign(t.size(), 0);
    for (size_t i = 0; i < t.size(); ++i) {
      const auto self = static_cast<int32_t>(i);
      if (t.feature[i] < 0) {
        nodes.push_back({0, self, 0, 255, 0});
        continue;
      }
      if (t.right[i] != t.left[i] + 1 || t.left[i] <= self)
        throw Error("tree nodes out of order: children not adjacent or before their parent");
      const bool categorical = t.category_set[i] >= 0;
      nodes.push_back({t.feature[i], t.left[i], categorical ? t.category_set[i] + 1 : 0,
                       categorical ? uint8_t{0} : t.threshold[i], uint8_t{categorical}});
      const uint64_t below = path_features[i] | feature_bit(t.feature[i]);
      path_features[t.left[i]] = below;
      path_features[t.right[i]] = below;
    }
  }

  static uint64_t feature_bit(size_t feature) { return uint64_t{1} << (feature % 64); }

  const Node* child(const Node* n, const uint8_t* row) const {
    const uint32_t bin = row[n->feature];
    const uint32_t numeric_right = bin > n->threshold;
    const uint32_t set_right = ~(sets[n->set][bin >> 6] >> (bin & 63)) & 1u;
    // A select, not a branch: the mask is all ones for a categorical node.
    const uint32_t mask = 0u - n->categorical;
    const uint32_t right = (set_right & mask) | (numeric_right & ~mask);
    return nodes.data() + n->left + right;
  }

  int32_t leaf_of(const uint8_t* row) const {
    const Node* at = nodes.data();
    for (const Node* next = child(at, row); next != at; next = child(at, row)) at = next;
    return static_cast<int32_t>(at - nodes.data());
  }

  // The leaves (node indices, into score and pctr) of rows row_of(0) ..
  // row_of(n - 1). kLanes rows walk down together, one level per round, until
  // none moves: a tree is too large for the L1 cache, and walking one row at
  // a time would wait for every node's load in turn. (A lane that took the
  // next row as soon as its row reached a leaf, instead of waiting for the
  // group's deepest, was no faster: the leaf test became a branch that
  // mispredicts once per row.)
  template <int kLanes, class RowOf>
  void leaves(size_t n, const RowOf& row_of, int32_t* leaf) const {
    size_t i = 0;
    for (; i + kLanes <= n; i += kLanes) {
      const Node* at[kLanes];
      const uint8_t* row[kLanes];
      for (int k = 0; k < kLanes; ++k) {
        at[k] = nodes.data();
        row[k] = row_of(i + k);
      }
      bool moved = true;
      while (moved) {
        moved = false;
        for (int k = 0; k < kLanes; ++k) {
          const Node* next = child(at[k], row[k]);
          moved |= next != at[k];
          at[k] = next;
        }
      }
      for (int k = 0; k < kLanes; ++k) leaf[i + k] = static_cast<int32_t>(at[k] - nodes.data());
    }
    for (; i < n; ++i) leaf[i] = leaf_of(row_of(i));
  }
};

inline constexpr int kLanes = 16;

inline std::vector<CompiledTree> compile_trees(const std::vector<Tree>& trees) {
  std::vector<CompiledTree> out;
  out.reserve(trees.size());
  for (const Tree& t : trees) out.emplace_back(t);
  return out;
}

// Rows per block when every tree visits a block of rows in turn: a tree's
// nodes (about 64 KB with its sets at 1M requests) are fetched once per block
// and stay in L2 across its rows, while the block's rows and sums (about 40
// bytes a row) fit beside them. 512 rows fetched each tree anew every 512
// rows: predicting the 1M lake's 151787 test rows took 1.5 s instead of 0.8
// s on one core.
inline constexpr int64_t kRowBlock = 4096;

}  // namespace adlake::forest
