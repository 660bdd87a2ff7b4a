#pragma once
// Grows one tree of the forest on the whole binned training set.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/forest/binning.hpp"
#include "adlake/forest/params.hpp"
#include "adlake/forest/split_search.hpp"
#include "adlake/forest/tree.hpp"

namespace adlake::forest {

// What every tree of a forest shares: the data, its layout and the parameters.
struct TrainingSet {
  const BinnedMatrix& x;
  std::span<const uint8_t> labels;
  std::vector<FeatureKind> kinds;  // per feature
  std::vector<int> n_bins;         // per feature; every bin of x is below it
};

// scikit-learn's class weights: balanced gives class c the weight n / (2 n_c)
// over the whole training set; none gives 1 to both.
ClassWeights class_weights(std::span<const uint8_t> labels, ClassWeight mode);

// Tree `tree_index` of the forest: its bootstrap and feature draws come from
// TreeRng(params.seed, tree_index) alone.
Tree grow_tree(const TrainingSet& data, const ForestParams& params, const ClassWeights& weights,
               uint64_t tree_index);

// The bootstrap draws of tree `tree_index`: how many times each row was drawn
// (all 1 without bootstrap). Out-of-bag rows have 0.
std::vector<uint32_t> bootstrap_draws(size_t rows, const ForestParams& params, uint64_t tree_index);

}  // namespace adlake::forest
