#include "adlake/forest/permutation_distributed.hpp"

#include <algorithm>
#include <cmath>

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

}  // namespace

DistributedPermutation distributed_permutation_importance(const Comm& comm, const Forest& forest,
                                                          const BinnedMatrix& local,
                                                          const std::vector<uint8_t>& labels,
                                                          int64_t sample_rows, int repeats) {
  DistributedPermutation out;
  if (sample_rows <= 0 || repeats <= 0) return out;
  std::vector<uint8_t> sample_labels;
  const BinnedMatrix sample = gather_sample(comm, local, labels, sample_rows, sample_labels);
  out.rows = static_cast<int64_t>(sample.rows);
  const PermutationScorer scorer(forest, sample);
  const double baseline = eval::roc_auc(scorer.baseline(), sample_labels);
  if (std::isnan(baseline)) return out;
  const uint64_t n_jobs = forest.n_features() * static_cast<uint64_t>(repeats);
  const auto ranks = static_cast<uint64_t>(comm.size());
  std::vector<uint64_t> jobs;
  for (uint64_t job = static_cast<uint64_t>(comm.rank()); job < n_jobs; job += ranks) {
    jobs.push_back(job);
  }
  const std::vector<double> mine =
      permutation_drops(scorer, sample, sample_labels, baseline, jobs, repeats, forest.params.seed);
  // Rank r's i-th drop is job r + i P: the ranks' drops in rank order say which.
  const std::vector<double> gathered = allgatherv(comm, mine);
  const std::vector<int64_t> counts = allgather(comm, static_cast<int64_t>(mine.size()));
  std::vector<double> drops(n_jobs, 0.0);
  size_t at = 0;
  for (uint64_t r = 0; r < ranks; ++r) {
    for (int64_t i = 0; i < counts[r]; ++i)
      drops[r + static_cast<uint64_t>(i) * ranks] = gathered[at++];
  }
  summarize_drops(drops, repeats, out.importance);
  out.importance.baseline_auc = baseline;
  return out;
}

}  // namespace adlake::forest
