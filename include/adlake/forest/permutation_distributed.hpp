#pragma once
// Permutation importance over the ranks: the sample is the first
// `sample_rows` rows of every rank's rows in rank order, and its jobs
// (feature, repeat) are shared out among the ranks.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/forest/binning.hpp"
#include "adlake/forest/forest.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::forest {

struct DistributedPermutation {
  PermutationImportance importance;  // mean and std empty when skipped
  int64_t rows = 0;                  // rows of the sample
};

// The importance computed a batch of trees at a time, as the forest is
// grown, so that no rank needs the whole forest: every rank holds the sample
// (at most sample_rows rows x one byte per feature: bounded by sample_rows,
// not by the data) and, for the baseline and each of its jobs, one sum per
// sample row; a batch's trees walk the sample once (4 bytes per tree and
// row) and then only the rows a shuffle moved. Job j = f * repeats + r goes
// to rank j mod P and its threads. The drops equal permutation_importance()
// on the sample in one process, bit for bit: each row adds its trees' scores
// in tree order, as predict() does. Skipped when sample_rows or repeats is
// not positive, or the sample holds one class.
class PermutationSums {
 public:
  // Collective: gathers the sample (rows of `local`, labelled `labels`).
  PermutationSums(const Comm& comm, const BinnedMatrix& local, const std::vector<uint8_t>& labels,
                  int64_t sample_rows, int repeats, uint64_t seed);
  // Adds the next trees of the forest, in tree order.
  void add(std::span<const Tree> trees);
  // Collective: the importance of the forest made of every tree added.
  DistributedPermutation finish(const Comm& comm) const;

 private:
  bool active_ = false;   // sample_rows and repeats positive
  bool scoring_ = false;  // and the sample holds both classes
  int repeats_ = 0;
  uint64_t seed_ = 0;
  BinnedMatrix sample_;
  std::vector<uint8_t> labels_;
  std::vector<uint64_t> jobs_;            // this rank's
  std::vector<double> baseline_;          // per sample row: sum of the trees' scores
  std::vector<std::vector<double>> job_;  // per job of jobs_, the same with its shuffle
  size_t trees_ = 0;
};

}  // namespace adlake::forest
