#pragma once
// model.h5 (CONTRACT section 4): the forest as tables of CONTRACT section 5,
// readable with h5py and pandas, with the parameters and metrics as
// attributes of the file.
//   /trees          tree, first_node, nodes, first_set, sets
//   /nodes          every tree's nodes, tree after tree: feature, threshold,
//                   category_set, left, right (indices within the tree),
//                   n_neg, n_pos, score, pctr, gain
//   /category_sets  word0..word3: 256-bit sets of the categories that go left
//   /features       name, kind, n_bins and the importances
//   /bin_edges      feature, bin, edge (numeric features: bin b holds values <= edge)
//   /categories     feature, code, label (categorical features)
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adlake/forest/forest.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::forest {

struct ModelExtras {
  nlohmann::json metrics = nlohmann::json::object();
  std::vector<std::string> sources;         // the tables the forest was trained on
  std::vector<double> impurity_importance;  // per feature, or empty
  std::vector<double> permutation_importance, permutation_importance_std;
};

// Collective over comm; every rank holds the same forest and writes the
// nodes of its block of trees (rank 0 also the feature tables).
void write_model(h5::File& file, const Forest& forest, const ModelExtras& extras, const Comm& comm);

// The same when each rank holds only its block of the forest (train's ranks
// after growing): `block` is the forest with this rank's trees, the ranks'
// blocks in rank order making the whole forest (any sizes, some empty). The
// same file as write_model() of the whole forest. The block's trees are
// consumed as their tables are made (the nodes are not held twice).
void write_model_block(h5::File& file, Forest&& block, const ModelExtras& extras, const Comm& comm);

// Reads a forest back; on a parallel file every rank of the file's
// communicator must call it. Throws DataError when the file is not a model.
Forest read_model(const h5::File& file);

}  // namespace adlake::forest
