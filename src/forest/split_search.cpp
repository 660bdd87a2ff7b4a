#include "adlake/forest/split_search.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "adlake/core/error.hpp"

namespace adlake::forest {

namespace {

struct Counts {
  uint64_t neg = 0, pos = 0;
  uint64_t total() const { return neg + pos; }
};

// Sum of squared class weights over total weight: W - W * gini, the quantity
// whose sum over the children a split maximises.
double purity(const Counts& c, const ClassWeights& w) {
  const double n = static_cast<double>(c.neg) * w.neg, p = static_cast<double>(c.pos) * w.pos;
  const double total = n + p;
  return total > 0 ? (n * n + p * p) / total : 0.0;
}

// Scans bins in the given order, the left side growing one bin at a time.
// Returns the best prefix length (0: none) and its gain.
struct PrefixBest {
  size_t length = 0;
  double gain = 0;
};

PrefixBest scan_prefixes(const uint32_t* bins, std::span<const uint16_t> order, const Counts& node,
                         const ClassWeights& w, const SplitRule& rule) {
  const double parent = purity(node, w);
  PrefixBest best;
  Counts left;
  for (size_t k = 0; k + 1 < order.size(); ++k) {
    left.neg += bins[2 * order[k]];
    left.pos += bins[2 * order[k] + 1];
    if (left.total() < rule.min_leaf) continue;
    const Counts right{node.neg - left.neg, node.pos - left.pos};
    if (right.total() < rule.min_leaf) break;
    const double gain = purity(left, w) + purity(right, w) - parent;
    if (gain > rule.min_gain && gain > best.gain) best = {k + 1, gain};
  }
  return best;
}

}  // namespace

double chance_gain(uint64_t neg, uint64_t pos, const ClassWeights& w, double df) {
  // The gain is 2 sum_i W_i (q_i - q)^2 over the children, q_i a child's
  // weighted positive fraction and W_i its weight (the class-weighted Gini
  // decrease; chi-square-like). With no association, W_i var(q_i) is the
  // same for every child, c = w_pos^2 w_neg^2 pi (1 - pi) / wbar^3 (delta
  // method; pi the node's positive fraction, wbar its mean weight per draw),
  // so the expected gain is 2 c per degree of freedom.
  const double t = static_cast<double>(neg + pos);
  if (t == 0) return 0;
  const double pi = static_cast<double>(pos) / t;
  const double wbar = w.pos * pi + w.neg * (1 - pi);
  const double c = w.pos * w.pos * w.neg * w.neg * pi * (1 - pi) / (wbar * wbar * wbar);
  return 2 * df * c;
}

FeatureScan scan_feature(const Histogram& hist, const HistogramLayout& layout, int32_t feature,
                         FeatureKind kind, const ClassWeights& w, const SplitRule& rule) {
  return scan_feature(hist.data() + 2 * layout.offset[feature], layout.n_bins[feature], feature,
                      kind, w, rule);
}

FeatureScan scan_feature(const uint32_t* bins, int n_bins, int32_t feature, FeatureKind kind,
                         const ClassWeights& w, const SplitRule& rule) {
  // The non-empty bins, on the stack (this runs for every node and drawn
  // feature): every bin is written, only a non-empty one advances.
  if (n_bins > 256) throw UsageError("a histogram of more than 256 bins");
  std::array<uint16_t, 256> slots;
  size_t used = 0;
  Counts node;
  FeatureScan scan;
  for (int b = 0; b < n_bins; ++b) {
    const bool nonempty = bins[2 * b] + bins[2 * b + 1] != 0;
    slots[used] = static_cast<uint16_t>(b);
    used += nonempty;
    scan.nonempty[b >> 6] |= uint64_t{nonempty} << (b & 63);
    node.neg += bins[2 * b];
    node.pos += bins[2 * b + 1];
  }
  const std::span<uint16_t> order(slots.data(), used);
  scan.constant = order.size() < 2;
  if (scan.constant) return scan;
  if (kind == FeatureKind::Categorical) {
    // Ascending weighted positive rate, ties by category code. Comparing
    // cross products keeps it exact for integer counts: pos_a * neg_b < pos_b * neg_a.
    std::sort(order.begin(), order.end(), [&](uint16_t a, uint16_t b) {
      const uint64_t lhs = uint64_t{bins[2 * a + 1]} * bins[2 * b];
      const uint64_t rhs = uint64_t{bins[2 * b + 1]} * bins[2 * a];
      return lhs != rhs ? lhs < rhs : a < b;
    });
  }
  const PrefixBest best = scan_prefixes(bins, order, node, w, rule);
  if (best.length == 0) return scan;
  // A categorical feature's best partition of k categories is chosen among
  // 2^(k-1) - 1, so it gains by chance about k - 1 times what one threshold
  // does: without the penalty a feature of 50 unrelated categories (user_state)
  // wins many nodes it should not.
  const double df = kind == FeatureKind::Categorical ? static_cast<double>(order.size() - 1) : 1.0;
  const double merit = best.gain - rule.chance_penalty * chance_gain(node.neg, node.pos, w, df);
  if (!(merit > rule.min_gain)) return scan;
  scan.best.feature = feature;
  scan.best.gain = best.gain;
  scan.best.merit = merit;
  if (kind == FeatureKind::Categorical) {
    scan.best.categorical = true;
    for (size_t k = 0; k < best.length; ++k) {
      scan.best.left_set[order[k] >> 6] |= uint64_t{1} << (order[k] & 63);
    }
  } else {
    scan.best.threshold = static_cast<uint8_t>(order[best.length - 1]);
  }
  return scan;
}

}  // namespace adlake::forest
