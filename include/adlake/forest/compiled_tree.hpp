#pragma once
// A tree recompiled for fast traversal (predict, out-of-bag scores).
#include <cstdint>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/forest/tree.hpp"

namespace adlake::forest {

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

  // The leaves (indices into score and pctr) of kLanes rows. The rows walk
  // down together, one level per round: a tree is too large for the L1
  // cache, and walking one row at a time would wait for every node's load
  // in turn.
  template <int kLanes>
  void leaves(const uint8_t* const* rows, int32_t* leaf) const {
    const Node* at[kLanes];
    for (int k = 0; k < kLanes; ++k) at[k] = nodes.data();
    bool moving = true;
    while (moving) {
      moving = false;
      for (int k = 0; k < kLanes; ++k) {
        if (at[k]->feature < 0) continue;
        at[k] = child(at[k], rows[k]);
        moving = true;
      }
    }
    for (int k = 0; k < kLanes; ++k) leaf[k] = at[k]->left;
  }
};

inline constexpr int kLanes = 16;

}  // namespace adlake::forest
