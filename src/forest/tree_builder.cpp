#include "adlake/forest/tree_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <optional>
#include <span>
#include <utility>

#include "adlake/core/error.hpp"
#include "adlake/core/parallel_for.hpp"
#include "adlake/forest/in_bag_rows.hpp"
#include "adlake/forest/possible_bins.hpp"
#include "adlake/forest/random.hpp"

namespace adlake::forest {

void no_reduction(std::vector<uint32_t>& /*counts*/) {}

ClassWeights class_weights(uint64_t negatives, uint64_t positives, ClassWeight mode) {
  if (mode == ClassWeight::None || negatives == 0 || positives == 0) return {};
  const double n = static_cast<double>(negatives + positives);
  return {n / (2 * static_cast<double>(negatives)), n / (2 * static_cast<double>(positives))};
}

ClassWeights class_weights(std::span<const uint8_t> labels, ClassWeight mode) {
  const auto pos = static_cast<uint64_t>(std::count(labels.begin(), labels.end(), uint8_t{1}));
  return class_weights(labels.size() - pos, pos, mode);
}

namespace {

// A node whose best split is being searched: its features are drawn in a
// random order from (seed, tree, node) until mtry non-constant ones were
// scanned, as scikit-learn does (constant features do not count, and those
// known constant from the ancestors are not counted).
struct Search {
  Search(size_t tree_in_batch, int32_t node_index, size_t first, size_t last, int node_depth,
         TreeRng draws, PossibleBins node_bins)
      : tree(tree_in_batch),
        node(node_index),
        begin(first),
        end(last),
        depth(node_depth),
        rng(draws),
        bins(std::move(node_bins)) {}

  size_t tree;  // in the batch
  int32_t node;
  size_t begin, end;  // the node's records in its tree's InBagRows
  int depth;
  TreeRng rng;
  std::vector<int32_t> order;  // features; the first `drawn` are drawn
  size_t drawn = 0;
  int scanned = 0;
  Split best;
  uint64_t best_left_neg = 0, best_left_pos = 0;  // draws the best split sends left
  std::vector<int32_t> pending;                   // features whose histograms this round builds
  std::vector<size_t> offset;  // where each pending histogram starts among the search's words
  size_t words = 0;            // the pending histograms' words
  size_t start = 0;            // where the search's words start in the part's buffer
  PossibleBins bins;           // what the ancestors tell of the node's bins
  bool packed = false;         // fewer than 2^16 draws: one word per bin (InBagRows)
};

// Whether a split sends a bin left (as Tree::goes_left once it is recorded).
bool sends_left(const Split& split, int bin) {
  if (split.categorical) return (split.left_set[bin >> 6] >> (bin & 63)) & 1u;
  return bin <= split.threshold;
}

// Grows a batch of trees together, one level at a time.
class BatchGrower {
 public:
  BatchGrower(const TrainingSet& data, const ForestParams& params, const ClassWeights& w,
              std::span<const uint64_t> tree_indices, const CountReducer& reduce,
              size_t histogram_bytes)
      : data_(data),
        params_(params),
        weights_(w),
        indices_(tree_indices),
        reduce_(reduce),
        part_words_(std::max<size_t>(histogram_bytes / sizeof(uint32_t), 1)),
        mtry_(params.features_per_node(static_cast<int>(data.features()))),
        rule_{0.0, static_cast<uint32_t>(params.min_samples_leaf), params.split_penalty} {}

  std::vector<Tree> grow() {
    const size_t n = indices_.size();
    trees_.assign(n, Tree{});
    rows_.clear();
    rows_.reserve(n);
    const BootstrapDraws draws(params_);
    std::vector<std::optional<InBagRows>> made(n);
    parallel_for_each_index(static_cast<int64_t>(n),
                            [&](int64_t t) { made[t].emplace(data_, draws, indices_[t]); });
    for (auto& r : made) rows_.push_back(std::move(*r));
    made.clear();

    std::vector<uint32_t> root(2 * n);
    for (size_t t = 0; t < n; ++t) {
      const auto [neg, pos] = rows_[t].class_draws(0, rows_[t].size());
      root[2 * t] = static_cast<uint32_t>(neg);
      root[2 * t + 1] = static_cast<uint32_t>(pos);
    }
    reduce_(root);
    std::vector<Search> frontier;
    for (size_t t = 0; t < n; ++t) {
      trees_[t].add_node();
      set_counts(trees_[t], 0, root[2 * t], root[2 * t + 1]);
      frontier.push_back(start(t, 0, 0, rows_[t].size(), 0, PossibleBins(data_.n_bins)));
    }
    while (!frontier.empty()) frontier = grow_level(std::move(frontier));
    rows_.clear();
    for (Tree& tree : trees_) {
      shrink(tree);
      fit_capacity(tree);
    }
    return std::move(trees_);
  }

 private:
  Search start(size_t tree, int32_t node, size_t begin, size_t end, int depth,
               PossibleBins bins) const {
    Search s(tree, node, begin, end, depth, TreeRng(mix64(params_.seed) + node, ~indices_[tree]),
             std::move(bins));
    s.order.resize(data_.features());
    std::iota(s.order.begin(), s.order.end(), 0);
    return s;
  }

  bool splittable(const Tree& tree, int32_t node, int depth) const {
    const uint64_t neg = tree.n_neg[node], pos = tree.n_pos[node];
    const bool deep = params_.max_depth > 0 && depth >= params_.max_depth;
    return neg > 0 && pos > 0 && !deep && neg + pos >= 2 * uint64_t{rule_.min_leaf};
  }

  void set_counts(Tree& tree, int32_t node, uint64_t neg, uint64_t pos) const {
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

  // A tree's arrays grew one node at a time, so up to half of what they hold
  // is spare capacity; every rank keeps every tree to the end of training.
  static void fit_capacity(Tree& tree) {
    for (auto* v : {&tree.feature, &tree.category_set, &tree.left, &tree.right}) v->shrink_to_fit();
    for (auto* v : {&tree.n_neg, &tree.n_pos}) v->shrink_to_fit();
    for (auto* v : {&tree.score, &tree.pctr, &tree.gain}) v->shrink_to_fit();
    tree.threshold.shrink_to_fit();
    tree.sets.shrink_to_fit();
  }

  // Draws the features each search still needs; false when none does. A
  // feature known to be constant is drawn and passed over, as scanning it
  // would. The first round draws what each node needs; a later one (a drawn
  // feature was constant, in 1-2% of the nodes) draws every feature left, so
  // a level takes at most two rounds, each a wait for every rank. Features
  // drawn beyond the node's need are counted but not scanned, so the features
  // scanned, in their order, are the same as drawing one at a time. (Asking
  // for 4x what is still needed in every round cost more in histograms than
  // it saved in waits at 1M on 2 ranks.)
  bool ask(std::vector<Search>& searches, bool all) const {
    bool any = false;
    const size_t nf = data_.features();
    for (Search& s : searches) {
      s.pending.clear();
      s.offset.clear();
      s.words = 0;
      const auto wanted = all && s.scanned < mtry_ ? nf : static_cast<size_t>(mtry_ - s.scanned);
      const Tree& tree = trees_[s.tree];
      s.packed = uint64_t{tree.n_neg[s.node]} + tree.n_pos[s.node] < (uint64_t{1} << 16);
      while (s.pending.size() < wanted && s.drawn < nf) {
        const size_t i = s.drawn++;
        std::swap(s.order[i], s.order[i + s.rng.below(nf - i)]);
        const int32_t f = s.order[i];
        if (s.bins.constant(f)) continue;
        s.pending.push_back(f);
        s.offset.push_back(s.words);
        s.words += (s.packed ? 1 : 2) * static_cast<size_t>(data_.n_bins[f]);
      }
      any = any || s.words > 0;
    }
    return any;
  }

  // The searches' best splits: rounds of histograms of the drawn features,
  // built locally, summed over the holders and scanned. A round's buffer
  // holds every search of the level, so its size follows the nodes open at
  // the level, which grow with the whole training set, not with this
  // holder's share: a round is summed in parts of at most part_words_ words
  // (at least one search each), one reduction per part. Each search is
  // counted and scanned whole in one part, so the trees do not depend on
  // the parts; below the budget a round is one part, as many reductions as
  // before.
  void search(std::vector<Search>& searches) {
    std::vector<uint32_t> buffer, unpacked;
    for (int round = 0; ask(searches, round > 0); ++round) {
      for (size_t first = 0; first < searches.size();) {
        size_t words = 0, last = first;
        for (; last < searches.size(); ++last) {
          if (last > first && words + searches[last].words > part_words_) break;
          searches[last].start = words;
          words += searches[last].words;
        }
        if (words > 0) {
          count_and_scan(std::span(searches).subspan(first, last - first), words, buffer, unpacked);
        }
        first = last;
      }
    }
  }

  // One part of a round: the searches' histograms counted here, summed over
  // the holders and scanned.
  void count_and_scan(std::span<Search> part, size_t words, std::vector<uint32_t>& buffer,
                      std::vector<uint32_t>& unpacked) {
    buffer.assign(words, 0);
    parallel_for_each_index(static_cast<int64_t>(part.size()), [&](int64_t i) {
      const Search& s = part[i];
      std::vector<const uint8_t*> columns(s.pending.size());
      std::vector<uint32_t*> hists(s.pending.size());
      for (size_t k = 0; k < s.pending.size(); ++k) {
        columns[k] = data_.columns[s.pending[k]].data();
        hists[k] = buffer.data() + s.start + s.offset[k];
      }
      rows_[s.tree].accumulate(columns, hists, s.begin, s.end, s.packed);
    });
    reduce_(buffer);
    for (Search& s : part) {
      for (size_t k = 0; k < s.pending.size(); ++k) {
        const int32_t f = s.pending[k];
        const uint32_t* bins = buffer.data() + s.start + s.offset[k];
        if (s.packed) bins = unpack(bins, data_.n_bins[f], unpacked);
        scan(s, f, bins);
      }
    }
  }

  // A packed histogram (one word per bin, negatives in the low half) as
  // two words per bin.
  static const uint32_t* unpack(const uint32_t* packed, int n_bins, std::vector<uint32_t>& out) {
    out.resize(2 * static_cast<size_t>(n_bins));
    for (int b = 0; b < n_bins; ++b) {
      out[2 * b] = packed[b] & 0xffffu;
      out[2 * b + 1] = packed[b] >> 16;
    }
    return out.data();
  }

  // Feature f's summed histogram at the search's node: what it tells of the
  // node's bins, and its best split if the node still needs features.
  void scan(Search& s, int32_t f, const uint32_t* bins) const {
    if (s.scanned >= mtry_) {  // drawn ahead, not needed
      s.bins.seen(f, bins, data_.n_bins[f]);
      return;
    }
    const FeatureScan scan =
        scan_feature(bins, data_.n_bins[f], f, data_.kinds[f], weights_, rule_);
    s.bins.seen(f, scan.nonempty, data_.n_bins[f]);
    if (scan.constant) return;
    ++s.scanned;
    if (scan.best.feature >= 0 && scan.best.merit > s.best.merit) {
      s.best = scan.best;
      // The children's class counts, kept rather than the histogram.
      s.best_left_neg = s.best_left_pos = 0;
      for (int b = 0; b < data_.n_bins[f]; ++b) {
        if (!sends_left(s.best, b)) continue;
        s.best_left_neg += bins[2 * b];
        s.best_left_pos += bins[2 * b + 1];
      }
    }
  }

  // Records the search's split in its tree, with the children's class counts
  // from the split feature's histogram; returns the children's indices.
  std::pair<int32_t, int32_t> record_split(const Search& s, uint8_t* goes_left) {
    Tree& tree = trees_[s.tree];
    tree.feature[s.node] = s.best.feature;
    tree.gain[s.node] = s.best.gain;
    if (s.best.categorical) {
      tree.category_set[s.node] = static_cast<int32_t>(tree.sets.size());
      tree.sets.push_back(s.best.left_set);
    } else {
      tree.threshold[s.node] = s.best.threshold;
    }
    const int32_t left = tree.add_node(), right = tree.add_node();
    tree.left[s.node] = left;
    tree.right[s.node] = right;
    for (int b = 0; b < 256; ++b) goes_left[b] = tree.goes_left(s.node, static_cast<uint8_t>(b));
    const uint64_t neg = s.best_left_neg, pos = s.best_left_pos;
    set_counts(tree, left, neg, pos);
    set_counts(tree, right, tree.n_neg[s.node] - neg, tree.n_pos[s.node] - pos);
    return {left, right};
  }

  // Splits the frontier's nodes that have a split and returns their children.
  std::vector<Search> grow_level(std::vector<Search> frontier) {
    std::vector<Search> split;
    {
      std::vector<Search> searches;
      for (Search& s : frontier) {
        if (splittable(trees_[s.tree], s.node, s.depth)) searches.push_back(std::move(s));
      }
      frontier.clear();
      search(searches);
      for (Search& s : searches) {
        if (s.best.feature >= 0) split.push_back(std::move(s));
      }
    }
    std::vector<std::array<uint8_t, 256>> goes_left(split.size());
    std::vector<std::pair<int32_t, int32_t>> children(split.size());
    // Only children that will be searched need their rows: a node whose
    // children are both leaves keeps its rows unpartitioned.
    std::vector<uint8_t> searched(2 * split.size());
    for (size_t i = 0; i < split.size(); ++i) {
      const Search& s = split[i];
      children[i] = record_split(s, goes_left[i].data());
      searched[2 * i] = splittable(trees_[s.tree], children[i].first, s.depth + 1);
      searched[2 * i + 1] = splittable(trees_[s.tree], children[i].second, s.depth + 1);
    }
    std::vector<size_t> mid(split.size());
    parallel_for_each_index(static_cast<int64_t>(split.size()), [&](int64_t i) {
      const Search& s = split[i];
      if (!searched[2 * i] && !searched[2 * i + 1]) return;
      mid[i] = rows_[s.tree].partition(s.begin, s.end, data_.columns[s.best.feature].data(),
                                       goes_left[i].data());
    });
    std::vector<Search> next;
    next.reserve(2 * split.size());
    for (size_t i = 0; i < split.size(); ++i) {
      const Search& s = split[i];
      for (const bool left : {true, false}) {
        if (!searched[2 * i + (left ? 0 : 1)]) continue;
        PossibleBins bins = s.bins;
        bins.split(s.best.feature, goes_left[i].data(), left);
        next.push_back(
            left ? start(s.tree, children[i].first, s.begin, mid[i], s.depth + 1, std::move(bins))
                 : start(s.tree, children[i].second, mid[i], s.end, s.depth + 1, std::move(bins)));
      }
    }
    return next;
  }

  const TrainingSet& data_;
  const ForestParams& params_;
  const ClassWeights weights_;
  std::span<const uint64_t> indices_;
  const CountReducer& reduce_;
  const size_t part_words_;  // a round's histograms are summed in parts of at most this
  const int mtry_;
  const SplitRule rule_;
  std::vector<Tree> trees_;
  std::vector<InBagRows> rows_;
};

}  // namespace

void grow_tree_batches(const TrainingSet& data, const ForestParams& params,
                       const ClassWeights& weights, std::span<const uint64_t> tree_indices,
                       const CountReducer& reduce, const TreeBatchSink& sink, size_t batch,
                       size_t histogram_bytes) {
  params.validate();
  // Draws are counted in uint32: about max_samples per row.
  if (data.total_rows >= (uint64_t{1} << 31))
    throw UsageError("the forest grows on at most 2^31 - 1 rows");
  batch = std::max<size_t>(batch, 1);
  for (size_t first = 0; first < tree_indices.size(); first += batch) {
    const auto part = tree_indices.subspan(first, std::min(batch, tree_indices.size() - first));
    std::vector<Tree> trees =
        BatchGrower(data, params, weights, part, reduce, histogram_bytes).grow();
    sink(trees, first);
  }
}

}  // namespace adlake::forest
