#include "adlake/forest/distributed.hpp"

#include <boost/serialization/array.hpp>
#include <boost/serialization/vector.hpp>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/serialized.hpp"

namespace boost::serialization {

template <class Archive>
void serialize(Archive& ar, adlake::forest::Tree& t, const unsigned int /*version*/) {
  ar& t.feature& t.threshold& t.category_set& t.sets& t.left& t.right& t.n_neg& t.n_pos& t.score& t
      .pctr& t.gain;
}

}  // namespace boost::serialization

namespace adlake::forest {

std::vector<uint64_t> trees_of_rank(int n_estimators, int rank, int size) {
  std::vector<uint64_t> out;
  for (int t = rank; t < n_estimators; t += size) out.push_back(static_cast<uint64_t>(t));
  return out;
}

Forest train_forest_distributed(const TrainingSet& data,
                                const std::vector<FeatureBinning>& binnings,
                                const ForestParams& params, const Comm& comm) {
  Forest forest;
  forest.params = params;
  forest.binnings = binnings;
  forest.weights = class_weights(data.labels, params.class_weight);
  const std::vector<uint64_t> mine = trees_of_rank(params.n_estimators, comm.rank(), comm.size());
  // Growing can fail on one rank (memory): agree before the gather.
  std::vector<Tree> grown =
      collective_try(comm, [&] { return grow_trees(data, params, forest.weights, mine); });
  // Out-of-bag sums of this rank's trees; integer sums add up exactly.
  const std::vector<uint32_t> sample = calibration_rows(data.x.rows);
  OobSums oob = oob_pctr_sums(data, params, grown, mine, sample);
  allreduce_sum_inplace(comm, oob.sum);
  allreduce_sum_inplace(comm, oob.count);
  forest.calibration = calibrate_from_oob(oob, data.labels, sample);
  std::vector<std::vector<Tree>> by_rank = allgather_serialized(comm, grown);
  forest.trees.resize(params.n_estimators);
  for (int t = 0; t < params.n_estimators; ++t) {
    forest.trees[t] = std::move(by_rank[t % comm.size()][t / comm.size()]);
  }
  return forest;
}

}  // namespace adlake::forest
