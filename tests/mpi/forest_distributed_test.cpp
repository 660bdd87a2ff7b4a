// The forest grown across ranks equals the one grown in one process, and a
// saved model reads back to the same forest (run at 1, 2 and 3 ranks).
#include <doctest/doctest.h>
#include <omp.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "../unit/forest_synthetic.hpp"
#include "adlake/forest/distributed.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/forest/model_io.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/collectives.hpp"

using namespace adlake;
using namespace adlake::forest;
namespace fs = std::filesystem;

namespace {

bool same_tree(const Tree& a, const Tree& b) {
  return a.feature == b.feature && a.threshold == b.threshold && a.category_set == b.category_set &&
         a.sets == b.sets && a.left == b.left && a.right == b.right && a.n_neg == b.n_neg &&
         a.n_pos == b.n_pos && a.score == b.score && a.pctr == b.pctr && a.gain == b.gain;
}

bool same_forest(const Forest& a, const Forest& b) {
  if (a.trees.size() != b.trees.size()) return false;
  for (size_t t = 0; t < a.trees.size(); ++t) {
    if (!same_tree(a.trees[t], b.trees[t])) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("distributed forest equals the serial one; the model file round-trips") {
  Comm comm = Comm::world();
  const auto data = testing::make_synthetic(4000, 3, 1);
  const auto binnings = fit_binnings(data.features);
  const BinnedMatrix x = bin_features(data.features, binnings);
  ForestParams p;
  p.n_estimators = 7;  // not a multiple of 2 or 3: ranks grow different counts
  p.min_samples_leaf = 10;
  p.seed = 99;

  omp_set_num_threads(1);
  const Forest serial = train_forest(x, data.labels, binnings, p);
  omp_set_num_threads(2);
  const TrainingSet set = make_training_set(x, data.labels, binnings);
  const Forest spread = train_forest_distributed(set, binnings, p, comm);
  CHECK(same_forest(serial, spread));
  CHECK(serial.calibration.a == spread.calibration.a);
  CHECK(serial.calibration.b == spread.calibration.b);
  CHECK(serial.calibration.rows == spread.calibration.rows);
  CHECK(trees_of_rank(7, 1, 3) == std::vector<uint64_t>{1, 4});

  std::string path;
  if (comm.is_root()) {
    path =
        (fs::temp_directory_path() / ("adlake-model-" + std::to_string(getpid()) + ".h5")).string();
  }
  broadcast(comm, path);
  ModelExtras extras;
  extras.metrics = {{"roc_auc", 0.75}};
  extras.impurity_importance = impurity_importances(spread);
  {
    h5::File file = h5::File::create_parallel(path, comm);
    write_model(file, spread, extras, comm);
    file.close();
  }
  {
    h5::File file = h5::File::open_parallel(path, comm);
    const Forest back = read_model(file);
    CHECK(same_forest(back, spread));
    CHECK(back.weights.neg == spread.weights.neg);
    CHECK(back.weights.pos == spread.weights.pos);
    CHECK(to_json(back.params) == to_json(p));
    REQUIRE(back.binnings.size() == binnings.size());
    for (size_t f = 0; f < binnings.size(); ++f) {
      CHECK(back.binnings[f].name == binnings[f].name);
      CHECK(back.binnings[f].kind == binnings[f].kind);
      CHECK(back.binnings[f].edges == binnings[f].edges);
      CHECK(back.binnings[f].categories == binnings[f].categories);
    }
    CHECK(back.calibration.a == spread.calibration.a);
    CHECK(back.calibration.b == spread.calibration.b);
    CHECK(predict(back, x).score == predict(spread, x).score);
    CHECK(predict(back, x).pctr == predict(spread, x).pctr);
  }
  comm.barrier();
  if (comm.is_root()) fs::remove(path);
}
