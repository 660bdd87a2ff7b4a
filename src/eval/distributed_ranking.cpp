// The ranking figures of distributed_report.hpp: threshold counts merged by
// a sample sort of each rank's distinct scores, then exact integer sums,
// sums in threshold order and the few curve points each rank holds.
#include <algorithm>
#include <limits>

#include "adlake/eval/distributed_report.hpp"
#include "adlake/eval/precision_recall.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/rank_chain.hpp"
#include "adlake/mpi/sample_sort.hpp"

namespace adlake::eval {

ThresholdCounts distributed_threshold_counts(const Comm& comm, std::span<const double> scores,
                                             std::span<const uint8_t> labels) {
  collective_try(comm, [&] { check_binary_inputs(scores, labels); });
  std::vector<ScoreCount> mine = count_scores(scores, labels);
  if (comm.size() > 1) {
    // Each rank sends one record per distinct score, so a score held by many
    // rows moves as one record per rank.
    mine = sample_sort(comm, std::move(mine),
                       [](const ScoreCount& a, const ScoreCount& b) { return a.score > b.score; });
    merge_equal_scores(mine);
  }
  int64_t positives = 0, negatives = 0;
  for (const ScoreCount& c : mine) {
    positives += c.positives;
    negatives += c.negatives;
  }
  ThresholdCounts out = accumulate_counts(mine, exclusive_scan_sum(comm, positives),
                                          exclusive_scan_sum(comm, negatives));
  out.positives = allreduce_sum(comm, positives);
  out.negatives = allreduce_sum(comm, negatives);
  return out;
}

double distributed_roc_auc(const Comm& comm, std::span<const double> scores,
                           std::span<const uint8_t> labels) {
  const ThresholdCounts c = distributed_threshold_counts(comm, scores, labels);
  return roc_auc_of_area(allreduce_sum(comm, twice_roc_area(c)), c.positives, c.negatives);
}

namespace {

// The first highest F1 over the ranks' parts: each part's own best, then the
// first rank (the highest thresholds) with the highest.
BestF1 distributed_best_f1(const Comm& comm, const ThresholdCounts& c) {
  const BestF1 mine = best_f1(c);
  const std::vector<double> f1 = allgather(comm, c.thresholds.empty() ? -1.0 : mine.confusion.f1());
  int winner = 0;
  for (int r = 1; r < comm.size(); ++r) {
    if (f1[static_cast<size_t>(r)] > f1[static_cast<size_t>(winner)]) winner = r;
  }
  std::vector<double> threshold{mine.threshold};
  const ConfusionMatrix& m = mine.confusion;
  std::vector<int64_t> counts{m.tn, m.fp, m.fn, m.tp};
  broadcast(comm, threshold, winner);
  broadcast(comm, counts, winner);
  return {threshold[0], {counts[0], counts[1], counts[2], counts[3]}};
}

// Every rank's points, in rank order (= curve order), on every rank.
std::vector<CurvePoint> gather_points(const Comm& comm, const std::vector<CurvePoint>& mine) {
  std::vector<double> flat;
  for (const CurvePoint& p : mine) flat.insert(flat.end(), {p.x, p.y, p.threshold});
  const std::vector<double> all = allgatherv(comm, flat);
  std::vector<CurvePoint> out;
  for (size_t i = 0; i + 2 < all.size(); i += 3) out.push_back({all[i], all[i + 1], all[i + 2]});
  return out;
}

// roc_curve thinned: point 0 is (0, 0) above the top score, point k + 1
// threshold k; `first` is the global index of c's first threshold.
std::vector<CurvePoint> roc_points(const Comm& comm, const ThresholdCounts& c, int64_t first,
                                   int64_t total, size_t curve_points) {
  if (c.positives == 0 || c.negatives == 0) return {};
  std::vector<CurvePoint> mine;
  const auto begin = static_cast<size_t>(first), end = begin + c.thresholds.size();
  for (size_t i : downsample_indices(static_cast<size_t>(total) + 1, curve_points)) {
    if (i == 0 && first == 0 && !c.thresholds.empty()) {
      mine.push_back({0.0, 0.0, c.thresholds.front() + 1.0});
    } else if (i > begin && i <= end) {
      mine.push_back(roc_point(c, i - 1 - begin));
    }
  }
  return gather_points(comm, mine);
}

// pr_curve thinned: thresholds down to the first at full recall.
std::vector<CurvePoint> pr_points(const Comm& comm, const ThresholdCounts& c, int64_t first,
                                  size_t curve_points) {
  int64_t full = std::numeric_limits<int64_t>::max();
  for (size_t k = 0; k < c.thresholds.size(); ++k) {
    if (c.tp[k] == c.positives) {
      full = first + static_cast<int64_t>(k);
      break;
    }
  }
  full = allreduce_min(comm, full);
  if (c.positives == 0) return {};
  std::vector<CurvePoint> mine;
  const auto begin = static_cast<size_t>(first), end = begin + c.thresholds.size();
  for (size_t i : downsample_indices(static_cast<size_t>(full) + 1, curve_points)) {
    if (i >= begin && i < end) mine.push_back(pr_point(c, i - begin));
  }
  return gather_points(comm, mine);
}

}  // namespace

void distributed_ranking_figures(const Comm& comm, std::span<const double> scores,
                                 std::span<const uint8_t> labels, size_t curve_points,
                                 BinaryFigures& f) {
  const ThresholdCounts c = distributed_threshold_counts(comm, scores, labels);
  f.roc_auc = roc_auc_of_area(allreduce_sum(comm, twice_roc_area(c)), c.positives, c.negatives);
  const double steps = fold_in_rank_order(
      comm, {0.0}, [&](std::vector<double>& sum) { sum[0] = add_precision_steps(c, sum[0]); })[0];
  f.pr_auc = c.positives == 0 ? std::numeric_limits<double>::quiet_NaN()
                              : steps / static_cast<double>(c.positives);
  f.best = distributed_best_f1(comm, c);
  const auto size = static_cast<int64_t>(c.thresholds.size());
  const int64_t first = exclusive_scan_sum(comm, size);
  f.roc_curve = roc_points(comm, c, first, allreduce_sum(comm, size), curve_points);
  f.pr_curve = pr_points(comm, c, first, curve_points);
}

}  // namespace adlake::eval
