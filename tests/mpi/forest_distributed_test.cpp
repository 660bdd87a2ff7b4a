// The forest grown across ranks, each holding a share of the rows (one rank
// none), equals the one grown in one process, and a saved model reads back
// to the same forest (run at 1, 2 and 3 ranks).
#include <doctest/doctest.h>
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <utility>

#include "../unit/forest_synthetic.hpp"
#include "adlake/core/error.hpp"
#include "adlake/forest/distributed.hpp"
#include "adlake/forest/distributed_binning.hpp"
#include "adlake/forest/importance.hpp"
#include "adlake/forest/model_io.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/collectives.hpp"
#include "shared_temp_dir.hpp"

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

// This rank's rows of n: uneven shares in rank order, and rank 1 holds none
// when there are several ranks.
std::pair<size_t, size_t> share_of(size_t n, int rank, int size) {
  const auto weight = [&](int r) { return size > 1 && r == 1 ? 0 : r + 1; };
  size_t total = 0, before = 0;
  for (int r = 0; r < size; ++r) {
    total += weight(r);
    if (r < rank) before += weight(r);
  }
  return {n * before / total, n * (before + weight(rank)) / total};
}

BinnedMatrix rows_of(const BinnedMatrix& x, size_t begin, size_t end) {
  BinnedMatrix out;
  out.rows = end - begin;
  out.features = x.features;
  out.bins.assign(x.bins.begin() + begin * x.features, x.bins.begin() + end * x.features);
  return out;
}

RawFeature slice(const RawFeature& f, size_t begin, size_t end) {
  RawFeature out = f;
  if (f.kind == FeatureKind::Numeric) {
    out.values.assign(f.values.begin() + begin, f.values.begin() + end);
  } else {
    out.codes.assign(f.codes.begin() + begin, f.codes.begin() + end);
  }
  return out;
}

// An integer column as train reads it: its categories are the distinct
// values of the rows at hand, ascending.
RawFeature integer_categories(const std::vector<int>& values) {
  RawFeature f;
  f.name = "hour";
  f.kind = FeatureKind::Categorical;
  std::vector<int> distinct(values);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (int v : distinct) f.categories.push_back(std::to_string(v));
  for (int v : values)
    f.codes.push_back(static_cast<uint8_t>(std::lower_bound(distinct.begin(), distinct.end(), v) -
                                           distinct.begin()));
  return f;
}

}  // namespace

TEST_CASE("binnings fitted on shares of the rows equal the ones fitted on all") {
  Comm comm = Comm::world();
  std::mt19937_64 rng(5);
  RawFeature many, few;
  many.name = "many";  // more than 255 distinct values: quantile edges
  few.name = "few";    // 40 distinct values, negative ones and zero
  std::vector<int> hours;
  for (int i = 0; i < 3000; ++i) {
    many.values.push_back(std::round(std::ldexp(static_cast<double>(rng() >> 11), -43)) / 4 - 100);
    few.values.push_back(static_cast<double>(static_cast<int>(rng() % 40)) - 20);
    hours.push_back(static_cast<int>(rng() % 24) * 3 - 9);
  }
  const auto [begin, end] = share_of(3000, comm.rank(), comm.size());
  for (const RawFeature& f : {many, few}) {
    const FeatureBinning whole = fit_binning(f);
    const FeatureBinning shared = fit_binning(comm, slice(f, begin, end));
    CHECK(shared.edges == whole.edges);
    CHECK(shared.n_bins() > 30);
  }
  const RawFeature all_hours = integer_categories(hours);
  const std::vector<int> mine(hours.begin() + begin, hours.begin() + end);
  const FeatureBinning merged = fit_binning(comm, integer_categories(mine));
  CHECK(merged.categories == all_hours.categories);
  RawFeature nan = few;
  if (comm.rank() == 0) nan.values[begin] = std::nan("");  // the others agree on the error
  CHECK_THROWS_WITH(fit_binning(comm, slice(nan, begin, end)), doctest::Contains("NaN"));
}

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
  const auto [begin, end] = share_of(x.rows, comm.rank(), comm.size());
  const std::vector<uint8_t> labels(data.labels.begin() + begin, data.labels.begin() + end);
  const TrainingSet set =
      make_training_set(rows_of(x, begin, end), labels, binnings, begin, x.rows);
  const Forest spread = train_forest_distributed(set, binnings, p, comm);
  CHECK(spread.trees.size() == 7);
  CHECK(same_forest(serial, spread));
  CHECK(serial.calibration.a == spread.calibration.a);
  CHECK(serial.calibration.b == spread.calibration.b);
  CHECK(serial.calibration.rows == spread.calibration.rows);

  const std::string path = shared_temp_dir(comm, "model") + "/model.h5";
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
  // Written by blocks of any sizes, some empty (here the last rank holds
  // every tree): the same forest back.
  const std::string by_blocks = shared_temp_dir(comm, "model") + "/blocks.h5";
  {
    Forest block = spread;
    if (comm.rank() != comm.size() - 1) block.trees.clear();
    h5::File file = h5::File::create_parallel(by_blocks, comm);
    write_model_block(file, std::move(block), extras, comm);
    file.close();
  }
  {
    h5::File file = h5::File::open_parallel(by_blocks, comm);
    CHECK(same_forest(read_model(file), spread));
  }
  comm.barrier();
  if (comm.is_root()) {
    fs::remove(path);
    fs::remove(by_blocks);
  }
}
