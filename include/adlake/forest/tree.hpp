#pragma once
// One decision tree as flat arrays indexed by node (STYLE.md "Hot paths"):
// node 0 is the root, a leaf has feature -1.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace adlake::forest {

using CategorySet = std::array<uint64_t, 4>;  // bit c set: category c goes left

struct Tree {
  std::vector<int32_t> feature;       // split feature, -1 for a leaf
  std::vector<uint8_t> threshold;     // numeric split: bin <= threshold goes left
  std::vector<int32_t> category_set;  // categorical split: index into sets, else -1
  std::vector<CategorySet> sets;
  std::vector<int32_t> left, right;
  // Bootstrap draws of each class that reached the node while growing.
  std::vector<uint32_t> n_neg, n_pos;
  // Class-weighted fraction of positives: the ranking score (what
  // scikit-learn's predict_proba gives for a class-weighted forest).
  std::vector<double> score;
  // Unweighted fraction of positives: the click probability estimate.
  std::vector<double> pctr;
  // Weighted impurity decrease of a split (0 for a leaf), for importances.
  std::vector<double> gain;

  size_t size() const { return feature.size(); }

  bool goes_left(int32_t node, uint8_t bin) const {
    const int32_t s = category_set[node];
    if (s < 0) return bin <= threshold[node];
    return (sets[s][bin >> 6] >> (bin & 63)) & 1u;
  }

  // The leaf a binned row falls into.
  int32_t leaf_of(const uint8_t* row) const {
    int32_t node = 0;
    while (feature[node] >= 0) {
      node = goes_left(node, row[feature[node]]) ? left[node] : right[node];
    }
    return node;
  }

  // Appends a node and returns its index.
  int32_t add_node();
};

}  // namespace adlake::forest
