#pragma once
// The evaluation figures of rows spread over the ranks, computed where the
// rows are: no rank gathers them. Every figure equals, bit for bit, what
// eval/report.hpp computes in one process on all the rows in rank order:
// counts are exact integers, and floating-point sums add the same terms in
// the same order (mpi/rank_chain.hpp). Each rank holds at most about twice
// its share of the rows' distinct scores and probabilities (mpi/sample_sort.hpp).
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/eval/report.hpp"
#include "adlake/eval/threshold_counts.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::eval {

// Collective. This rank's part of the threshold counts of every rank's rows:
// rank 0 holds the highest distinct scores; tp/fp are cumulative over all
// ranks (tp_before/fp_before: the rows scored above this part), positives
// and negatives those of all ranks. An equal score is on one rank only.
ThresholdCounts distributed_threshold_counts(const Comm& comm, std::span<const double> scores,
                                             std::span<const uint8_t> labels);

// Collective. ROC-AUC of every rank's rows (NaN with one class).
double distributed_roc_auc(const Comm& comm, std::span<const double> scores,
                           std::span<const uint8_t> labels);

// Collective. The ranking figures of binary_figures (ROC-AUC, PR-AUC, best
// F1, the thinned curves) into f.
void distributed_ranking_figures(const Comm& comm, std::span<const double> scores,
                                 std::span<const uint8_t> labels, size_t curve_points,
                                 BinaryFigures& f);

// Collective. Log loss and Brier score of every rank's rows, summed in rank
// order (NaN with no rows).
std::pair<double, double> distributed_log_loss_brier(const Comm& comm,
                                                     std::span<const double> probs,
                                                     std::span<const uint8_t> labels);

// Collective. calibration_table of every rank's rows, ties in rank order.
std::vector<CalibrationBin> distributed_calibration_table(const Comm& comm,
                                                          std::span<const double> probs,
                                                          std::span<const uint8_t> labels,
                                                          int bins = 10);

// Collective. binary_figures of every rank's rows in rank order; every rank
// returns the same figures.
BinaryFigures distributed_binary_figures(const Comm& comm, std::span<const double> scores,
                                         std::span<const double> probs,
                                         std::span<const uint8_t> labels,
                                         size_t curve_points = 101);

}  // namespace adlake::eval
