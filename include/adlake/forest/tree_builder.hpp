#pragma once
// Grows trees of the forest level by level on a training set that may be one
// share of a larger one (data-parallel growth, as LightGBM's and XGBoost's
// distributed learners): a node's class histograms are integer counts of
// bootstrap draws, summed over the shares by a CountReducer, so every share
// holder sees the same histograms and grows the same tree, whatever the
// partition of the rows.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "adlake/forest/binning.hpp"
#include "adlake/forest/params.hpp"
#include "adlake/forest/random.hpp"
#include "adlake/forest/split_search.hpp"
#include "adlake/forest/tree.hpp"

namespace adlake::forest {

// This process's rows of the training set, binned, one column per feature
// (a node's histogram of a feature reads one small column, not whole rows).
struct TrainingSet {
  std::vector<std::vector<uint8_t>> columns;  // per feature, per local row
  std::vector<uint8_t> labels;                // per local row, 0 or 1
  std::vector<FeatureKind> kinds;             // per feature
  std::vector<int> n_bins;                    // per feature; every bin is below it
  uint64_t first_row = 0;                     // index of local row 0 in the whole set
  uint64_t total_rows = 0;                    // rows of the whole set

  size_t rows() const { return labels.size(); }
  size_t features() const { return kinds.size(); }
};

// Sums a buffer of counts element-wise over every holder of a share of the
// training set, in place (nothing to do for a single holder). Integer sums
// are exact, so the result does not depend on how the rows are shared.
using CountReducer = std::function<void(std::vector<uint32_t>&)>;

// The reducer of a training set held whole by one process.
void no_reduction(std::vector<uint32_t>& counts);

// scikit-learn's class weights from the class counts of the whole training
// set: balanced gives class c the weight n / (2 n_c); none gives 1 to both.
ClassWeights class_weights(uint64_t negatives, uint64_t positives, ClassWeight mode);
ClassWeights class_weights(std::span<const uint8_t> labels, ClassWeight mode);

// Bootstrap draws of one row for one tree: Poisson(max_samples) (the limit of
// drawing max_samples * n rows with replacement), from (seed, tree, the row's
// index in the whole set) alone; 1 without bootstrap.
class BootstrapDraws {
 public:
  explicit BootstrapDraws(const ForestParams& params);
  uint8_t operator()(uint64_t tree_index, uint64_t row) const {
    return at(stream(tree_index), row);
  }
  // The same in two steps, the first once per tree.
  uint64_t stream(uint64_t tree_index) const { return TreeRng::start(seed_, tree_index); }
  uint8_t at(uint64_t stream, uint64_t row) const {
    if (!bootstrap_) return 1;
    const uint64_t u = TreeRng::at(stream, row + 1);
    // The thresholds ascend, so k is how many are at most u. The first four
    // are compared without branches: a branch on "out of the bag" (e^-0.5 of
    // the rows at the default max_samples) is mispredicted a third of the time.
    const size_t n = below_.size();
    size_t k = 0;
    if (n >= 4) {
      k = size_t{u >= below_[0]} + size_t{u >= below_[1]} + size_t{u >= below_[2]} +
          size_t{u >= below_[3]};
      if (k < 4) return static_cast<uint8_t>(k);
    }
    while (k < n && u >= below_[k]) ++k;
    return static_cast<uint8_t>(k);
  }

 private:
  uint64_t seed_;
  bool bootstrap_;
  std::vector<uint64_t> below_;  // below_[k]: 2^64 P(draws <= k), rounded down
};

// Trees grown at once by default: more means fewer messages (each is a wait
// for the slowest rank) and more memory (5 bytes per tree per in-bag row).
inline constexpr size_t kTreesAtOnce = 16;

// The histograms of one level's search round of a batch are summed in parts
// of at most this many bytes (one search's histograms at least; 23 features
// x 255 bins x 2 classes is 47 KB): the level's nodes grow with the whole
// training set, not with a rank's share, and so would its buffer (widest
// level of 16 trees: about 4.7 MB at 1M requests, so one part and no more
// reductions than before; about 21 MB at 5M, three parts).
inline constexpr size_t kHistogramBytes = size_t{8} << 20;

// Receives each batch of grown trees, in order, with the position of its
// first tree in the indices given; it may move them.
using TreeBatchSink = std::function<void(std::vector<Tree>& trees, size_t first)>;

// The trees whose indices are given, grown `batch` at a time level by level
// (one reduction per level and search round for the whole batch, so messages
// stay few; more when the round's histograms exceed `histogram_bytes`),
// OpenMP threads sharing a batch's trees, and handed to `sink` batch by
// batch (the grower's memory is released first). Tree t's feature draws
// come from (params.seed, t, node) and its bootstrap from BootstrapDraws, so
// the result is the same for any number of threads, any batch size and any
// split of the rows between holders (each must call it with the same
// indices). Collective over the reducer's holders.
void grow_tree_batches(const TrainingSet& data, const ForestParams& params,
                       const ClassWeights& weights, std::span<const uint64_t> tree_indices,
                       const CountReducer& reduce, const TreeBatchSink& sink,
                       size_t batch = kTreesAtOnce, size_t histogram_bytes = kHistogramBytes);

// The same, every tree returned at the end.
std::vector<Tree> grow_trees(const TrainingSet& data, const ForestParams& params,
                             const ClassWeights& weights, std::span<const uint64_t> tree_indices,
                             const CountReducer& reduce = no_reduction, size_t batch = kTreesAtOnce,
                             size_t histogram_bytes = kHistogramBytes);

}  // namespace adlake::forest
