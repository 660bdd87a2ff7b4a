// The probability figures of distributed_report.hpp: sums in rank order, and
// the calibration deciles over a sample sort of (probability, row).
#include <limits>

#include "adlake/eval/distributed_report.hpp"
#include "adlake/eval/probability_metrics.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/rank_chain.hpp"
#include "adlake/mpi/sample_sort.hpp"

namespace adlake::eval {

namespace {

// Sums of every rank's rows in rank order: log loss terms, Brier terms and
// probabilities.
std::vector<double> probability_sums(const Comm& comm, std::span<const double> probs,
                                     std::span<const uint8_t> labels) {
  collective_try(comm, [&] { check_binary_inputs(probs, labels); });
  return fold_in_rank_order(comm, {0.0, 0.0, 0.0}, [&](std::vector<double>& s) {
    for (size_t i = 0; i < probs.size(); ++i) {
      s[0] += log_loss_term(probs[i], labels[i]);
      s[1] += brier_term(probs[i], labels[i]);
      s[2] += probs[i];
    }
  });
}

// A row of the calibration sort: ties in probability keep the input order.
struct RankedProb {
  double prob;
  int64_t row;  // among every rank's rows, in rank order
  int64_t label;
};

bool by_prob(const RankedProb& a, const RankedProb& b) {
  return a.prob < b.prob || (a.prob == b.prob && a.row < b.row);
}

}  // namespace

std::pair<double, double> distributed_log_loss_brier(const Comm& comm,
                                                     std::span<const double> probs,
                                                     std::span<const uint8_t> labels) {
  const std::vector<double> sums = probability_sums(comm, probs, labels);
  const auto n = static_cast<double>(allreduce_sum(comm, static_cast<int64_t>(probs.size())));
  if (n == 0)
    return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  return {sums[0] / n, sums[1] / n};
}

std::vector<CalibrationBin> distributed_calibration_table(const Comm& comm,
                                                          std::span<const double> probs,
                                                          std::span<const uint8_t> labels,
                                                          int bins) {
  collective_try(comm, [&] { check_binary_inputs(probs, labels); });
  const auto local = static_cast<int64_t>(probs.size());
  const int64_t first = exclusive_scan_sum(comm, local);
  const CalibrationGroups cut(static_cast<uint64_t>(allreduce_sum(comm, local)), bins);
  std::vector<RankedProb> rows(probs.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i] = {probs[i], first + static_cast<int64_t>(i), labels[i]};
  }
  const std::vector<RankedProb> sorted = sample_sort(comm, std::move(rows), by_prob);
  const auto offset =
      static_cast<uint64_t>(exclusive_scan_sum(comm, static_cast<int64_t>(sorted.size())));
  // Each sorted row's group, and the ends of the groups this rank holds.
  std::vector<int64_t> positives(cut.groups, 0);
  // (slot, probability): slot 2g the group's first, 2g + 1 its last (at
  // most 10 groups, so a slot is an exact double).
  std::vector<double> ends;
  const auto group_of = [&](uint64_t i, uint64_t g) {
    while (g + 1 < cut.groups && cut.first_of_group(g + 1) <= i) ++g;
    return g;
  };
  for (uint64_t i = 0, g = 0; i < sorted.size(); ++i) {
    g = group_of(offset + i, g);
    positives[g] += sorted[i].label;
    if (cut.first_of_group(g) == offset + i)
      ends.insert(ends.end(), {static_cast<double>(2 * g), sorted[i].prob});
    if (cut.first_of_group(g + 1) == offset + i + 1)
      ends.insert(ends.end(), {static_cast<double>(2 * g + 1), sorted[i].prob});
  }
  const std::vector<double> sums =
      fold_in_rank_order(comm, std::vector<double>(cut.groups, 0.0), [&](std::vector<double>& s) {
        for (uint64_t i = 0, g = 0; i < sorted.size(); ++i) {
          g = group_of(offset + i, g);
          s[g] += sorted[i].prob;
        }
      });
  allreduce_sum_inplace(comm, positives);
  const std::vector<double> all_ends = allgatherv(comm, ends);
  std::vector<double> edge(2 * cut.groups, 0.0);
  for (size_t i = 0; i + 1 < all_ends.size(); i += 2)
    edge[static_cast<size_t>(all_ends[i])] = all_ends[i + 1];
  std::vector<CalibrationBin> out;
  for (uint64_t g = 0; g < cut.groups; ++g) {
    const auto n = static_cast<int64_t>(cut.first_of_group(g + 1) - cut.first_of_group(g));
    out.push_back(calibration_bin(n, edge[2 * g], edge[2 * g + 1], sums[g], positives[g]));
  }
  return out;
}

BinaryFigures distributed_binary_figures(const Comm& comm, std::span<const double> scores,
                                         std::span<const double> probs,
                                         std::span<const uint8_t> labels, size_t curve_points) {
  BinaryFigures f;
  const std::vector<double> sums = probability_sums(comm, probs, labels);
  f.rows = allreduce_sum(comm, static_cast<int64_t>(labels.size()));
  int64_t positives = 0;
  for (const uint8_t y : labels) positives += y;
  f.positives = allreduce_sum(comm, positives);
  const auto n = static_cast<double>(f.rows);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  f.log_loss = f.rows > 0 ? sums[0] / n : nan;
  f.brier = f.rows > 0 ? sums[1] / n : nan;
  f.mean_pctr = f.rows > 0 ? sums[2] / n : 0.0;
  distributed_ranking_figures(comm, scores, labels, curve_points, f);  // checks the scores
  const ConfusionMatrix m = confusion_at(scores, labels, 0.5);
  std::vector<int64_t> counts{m.tn, m.fp, m.fn, m.tp};
  allreduce_sum_inplace(comm, counts);
  f.at_0_5 = {counts[0], counts[1], counts[2], counts[3]};
  f.deciles = distributed_calibration_table(comm, probs, labels, 10);
  return f;
}

}  // namespace adlake::eval
