#include "adlake/forest/tree_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "adlake/core/error.hpp"
#include "adlake/forest/histogram.hpp"
#include "adlake/forest/random.hpp"

namespace adlake::forest {

ClassWeights class_weights(std::span<const uint8_t> labels, ClassWeight mode) {
  if (mode == ClassWeight::None) return {};
  const double n = static_cast<double>(labels.size());
  const double pos = static_cast<double>(std::count(labels.begin(), labels.end(), uint8_t{1}));
  const double neg = n - pos;
  if (pos == 0 || neg == 0) return {};  // one class: weights change nothing
  return {n / (2 * neg), n / (2 * pos)};
}

std::vector<uint32_t> bootstrap_draws(size_t rows, const ForestParams& params,
                                      uint64_t tree_index) {
  if (!params.bootstrap) return std::vector<uint32_t>(rows, 1);
  std::vector<uint32_t> draws(rows, 0);
  if (rows == 0) return draws;
  TreeRng rng(params.seed, tree_index);
  const auto n_draws = static_cast<size_t>(
      std::max(1.0, std::round(params.max_samples * static_cast<double>(rows))));
  for (size_t i = 0; i < n_draws; ++i) ++draws[rng.below(rows)];
  return draws;
}

namespace {

// The state of growing one tree: its rows (partitioned in place as nodes
// split), the pool of histogram buffers and the node stack.
class TreeGrower {
 public:
  TreeGrower(const TrainingSet& data, const ForestParams& params, const ClassWeights& w,
             uint64_t tree_index)
      : data_(data),
        params_(params),
        weights_(w),
        layout_(data.n_bins),
        rows_(data.x, data.labels, bootstrap_draws(data.x.rows, params, tree_index)),
        // The feature draws continue the stream after the bootstrap's: a
        // separate generator keyed by the complement of the tree index.
        rng_(params.seed, ~tree_index),
        mtry_(params.features_per_node(static_cast<int>(data.x.features))),
        rule_{0.0, static_cast<uint32_t>(params.min_samples_leaf), params.split_penalty} {
    features_.resize(data.x.features);
    std::iota(features_.begin(), features_.end(), 0);
  }

  Tree grow() {
    Tree tree;
    tree.add_node();
    Histogram root = take_buffer();
    accumulate_histogram(rows_, 0, rows_.size(), layout_, root);
    stack_.push_back({0, 0, rows_.size(), 0, std::move(root)});
    while (!stack_.empty()) {
      Task task = std::move(stack_.back());
      stack_.pop_back();
      process(tree, std::move(task));
    }
    shrink(tree);
    return tree;
  }

 private:
  struct Task {
    int32_t node;
    size_t begin, end;  // the node's records in rows_
    int depth;
    Histogram hist;
  };

  Histogram take_buffer() {
    if (pool_.empty()) return Histogram(2 * size_t{layout_.total_bins}, 0);
    Histogram h = std::move(pool_.back());
    pool_.pop_back();
    std::fill(h.begin(), h.end(), 0u);
    return h;
  }

  void set_counts(Tree& tree, int32_t node, const Histogram& hist) const {
    // Every feature's bins add up to the node's counts; feature 0's are used.
    uint64_t neg = 0, pos = 0;
    const uint32_t* b = hist.data() + 2 * layout_.offset[0];
    for (int i = 0; i < layout_.n_bins[0]; ++i) {
      neg += b[2 * i];
      pos += b[2 * i + 1];
    }
    tree.n_neg[node] = static_cast<uint32_t>(neg);
    tree.n_pos[node] = static_cast<uint32_t>(pos);
    const double wn = static_cast<double>(neg) * weights_.neg;
    const double wp = static_cast<double>(pos) * weights_.pos;
    tree.score[node] = wn + wp > 0 ? wp / (wn + wp) : 0.0;
    tree.pctr[node] =
        neg + pos > 0 ? static_cast<double>(pos) / static_cast<double>(neg + pos) : 0.0;
  }

  // Hierarchical shrinkage (Agarwal et al., ICML 2022): each step down the
  // tree moves the value by the child's change in rate damped by
  // 1 + lambda / n(parent), so small nodes' noisy rates count for less. Children
  // have larger indices than their parent, so one forward pass does it.
  void shrink(Tree& tree) const {
    const double lambda = params_.leaf_shrinkage;
    if (lambda <= 0) return;
    std::vector<double> raw_score = tree.score, raw_pctr = tree.pctr;
    for (size_t i = 0; i < tree.size(); ++i) {
      if (tree.feature[i] < 0) continue;
      const double n = static_cast<double>(tree.n_neg[i]) + tree.n_pos[i];
      const double damp = 1.0 / (1.0 + lambda / n);
      for (const int32_t c : {tree.left[i], tree.right[i]}) {
        tree.score[c] = tree.score[i] + (raw_score[c] - raw_score[i]) * damp;
        tree.pctr[c] = tree.pctr[i] + (raw_pctr[c] - raw_pctr[i]) * damp;
      }
    }
  }

  // Tries features in a random order until mtry non-constant ones were scanned,
  // as scikit-learn does (constant features do not count).
  Split find_split() {
    Split best;
    int scanned = 0;
    const size_t n = features_.size();
    for (size_t i = 0; i < n && scanned < mtry_; ++i) {
      std::swap(features_[i], features_[i + rng_.below(n - i)]);
      const int32_t f = features_[i];
      const FeatureScan s =
          scan_feature(*current_hist_, layout_, f, data_.kinds[f], weights_, rule_);
      if (s.constant) continue;
      ++scanned;
      if (s.best.feature >= 0 && s.best.merit > best.merit) best = s.best;
    }
    return best;
  }

  void process(Tree& tree, Task task) {
    set_counts(tree, task.node, task.hist);
    const uint64_t n = uint64_t{tree.n_neg[task.node]} + tree.n_pos[task.node];
    const bool pure = tree.n_neg[task.node] == 0 || tree.n_pos[task.node] == 0;
    const bool deep = params_.max_depth > 0 && task.depth >= params_.max_depth;
    Split split;
    if (!pure && !deep && n >= 2 * uint64_t{rule_.min_leaf}) {
      current_hist_ = &task.hist;
      split = find_split();
    }
    if (split.feature < 0) {
      pool_.push_back(std::move(task.hist));
      return;
    }
    tree.feature[task.node] = split.feature;
    tree.gain[task.node] = split.gain;
    if (split.categorical) {
      tree.category_set[task.node] = static_cast<int32_t>(tree.sets.size());
      tree.sets.push_back(split.left_set);
    } else {
      tree.threshold[task.node] = split.threshold;
    }
    const int32_t left = tree.add_node(), right = tree.add_node();
    tree.left[task.node] = left;
    tree.right[task.node] = right;

    std::array<uint8_t, 256> goes_left;
    for (int b = 0; b < 256; ++b) goes_left[b] = tree.goes_left(task.node, static_cast<uint8_t>(b));
    const size_t mid = rows_.partition(task.begin, task.end, split.feature, goes_left.data());
    const bool left_smaller = mid - task.begin <= task.end - mid;
    Histogram small = take_buffer();
    if (left_smaller) {
      accumulate_histogram(rows_, task.begin, mid, layout_, small);
    } else {
      accumulate_histogram(rows_, mid, task.end, layout_, small);
    }
    subtract_histogram(task.hist, small);  // now the larger child's
    Histogram& left_hist = left_smaller ? small : task.hist;
    Histogram& right_hist = left_smaller ? task.hist : small;
    stack_.push_back({right, mid, task.end, task.depth + 1, std::move(right_hist)});
    stack_.push_back({left, task.begin, mid, task.depth + 1, std::move(left_hist)});
  }

  const TrainingSet& data_;
  const ForestParams& params_;
  const ClassWeights weights_;
  const HistogramLayout layout_;
  PackedRows rows_;
  TreeRng rng_;
  const int mtry_;
  const SplitRule rule_;
  std::vector<int32_t> features_;
  std::vector<Histogram> pool_;
  std::vector<Task> stack_;
  const Histogram* current_hist_ = nullptr;
};

}  // namespace

Tree grow_tree(const TrainingSet& data, const ForestParams& params, const ClassWeights& weights,
               uint64_t tree_index) {
  if (data.x.rows > UINT32_MAX) throw UsageError("the forest grows on at most 2^32 - 1 rows");
  return TreeGrower(data, params, weights, tree_index).grow();
}

}  // namespace adlake::forest
