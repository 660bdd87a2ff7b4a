#include "adlake/forest/permutation_distributed.hpp"

#include <algorithm>

#include "adlake/core/parallel_for.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/forest/permutation_scorer.hpp"
#include "adlake/mpi/collectives.hpp"

namespace adlake::forest {

namespace {

// The first `sample_rows` rows of every rank's rows, in rank order, on every rank.
BinnedMatrix gather_sample(const Comm& comm, const BinnedMatrix& local,
                           const std::vector<uint8_t>& labels, int64_t sample_rows,
                           std::vector<uint8_t>& sample_labels) {
  const auto rows = static_cast<int64_t>(local.rows);
  const int64_t before = exclusive_scan_sum(comm, rows);
  const auto take = static_cast<size_t>(std::clamp<int64_t>(sample_rows - before, 0, rows));
  const std::vector<uint8_t> bins(
      local.bins.begin(), local.bins.begin() + static_cast<std::ptrdiff_t>(take * local.features));
  BinnedMatrix sample;
  sample.features = local.features;
  sample.bins = allgatherv(comm, bins);
  sample.rows = sample.bins.size() / std::max<size_t>(local.features, 1);
  sample_labels = allgatherv(
      comm,
      std::vector<uint8_t>(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(take)));
  return sample;
}

// The sums divided by the count of trees, as PermutationScorer::score does.
std::vector<double> means(std::vector<double> sums, size_t trees) {
  if (trees == 0) return sums;
  const double inv = 1.0 / static_cast<double>(trees);
  for (double& v : sums) v *= inv;
  return sums;
}

}  // namespace

PermutationSums::PermutationSums(const Comm& comm, const BinnedMatrix& local,
                                 const std::vector<uint8_t>& labels, int64_t sample_rows,
                                 int repeats, uint64_t seed)
    : active_(sample_rows > 0 && repeats > 0), repeats_(repeats), seed_(seed) {
  if (!active_) return;
  sample_ = gather_sample(comm, local, labels, sample_rows, labels_);
  // The baseline AUC of one class is NaN: nothing to score then.
  const auto positives = std::count(labels_.begin(), labels_.end(), uint8_t{1});
  scoring_ = positives > 0 && static_cast<size_t>(positives) < labels_.size();
  if (!scoring_) return;
  const uint64_t n_jobs = local.features * static_cast<uint64_t>(repeats);
  const auto ranks = static_cast<uint64_t>(comm.size());
  for (uint64_t job = static_cast<uint64_t>(comm.rank()); job < n_jobs; job += ranks) {
    jobs_.push_back(job);
  }
  baseline_.assign(sample_.rows, 0.0);
  job_.assign(jobs_.size(), std::vector<double>(sample_.rows, 0.0));
}

void PermutationSums::add(std::span<const Tree> trees) {
  if (!scoring_) return;
  trees_ += trees.size();
  const PermutationScorer scorer(trees, sample_);
  scorer.add_scores(sample_, -1, baseline_);
  parallel_for_each_index(static_cast<int64_t>(jobs_.size()), [&](int64_t i) {
    const size_t feature = jobs_[i] / repeats_;
    const auto repeat = static_cast<int>(jobs_[i] % repeats_);
    const BinnedMatrix shuffled = shuffled_column(sample_, feature, repeat, repeats_, seed_);
    scorer.add_scores(shuffled, static_cast<int32_t>(feature), job_[i]);
  });
}

DistributedPermutation PermutationSums::finish(const Comm& comm) const {
  DistributedPermutation out;
  if (!active_) return out;
  out.rows = static_cast<int64_t>(sample_.rows);
  if (!scoring_) return out;
  const double baseline = eval::roc_auc(means(baseline_, trees_), labels_);
  std::vector<double> mine(jobs_.size());
  parallel_for_each_index(static_cast<int64_t>(jobs_.size()), [&](int64_t i) {
    mine[i] = baseline - eval::roc_auc(means(job_[i], trees_), labels_);
  });
  // Rank r's i-th drop is job r + i P: the ranks' drops in rank order say which.
  const std::vector<double> gathered = allgatherv(comm, mine);
  const std::vector<int64_t> counts = allgather(comm, static_cast<int64_t>(mine.size()));
  const auto ranks = static_cast<uint64_t>(comm.size());
  std::vector<double> drops(sample_.features * static_cast<uint64_t>(repeats_), 0.0);
  size_t at = 0;
  for (uint64_t r = 0; r < ranks; ++r) {
    for (int64_t i = 0; i < counts[r]; ++i)
      drops[r + static_cast<uint64_t>(i) * ranks] = gathered[at++];
  }
  summarize_drops(drops, repeats_, out.importance);
  out.importance.baseline_auc = baseline;
  return out;
}

}  // namespace adlake::forest
