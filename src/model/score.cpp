#include "adlake/model/score.hpp"

#include <limits>
#include <optional>

#include "adlake/eval/distributed_report.hpp"
#include "adlake/forest/model_io.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/model/features.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::model {

forest::Forest load_model(const Comm& comm, const std::string& path) {
  std::optional<h5::File> file;
  file.emplace(
      h5::File::open_layer(path, comm, "run `adlake train` first or name it with --model"));
  forest::Forest model = collective_try(comm, [&] { return forest::read_model(*file); });
  file->close();
  return model;
}

ScoredShare score_features(const Context& ctx, const forest::Forest& model,
                           const std::string& gold_path) {
  const Comm& comm = ctx.comm;
  const Table local = read_features_share(ctx, gold_path, "score");
  const std::vector<uint32_t> rows = all_rows(local);
  const forest::BinnedMatrix x = collective_try(comm, [&] {
    return bin_rows(local, model.binnings, rows, gold_path + ":" + kFeaturesTable);
  });
  const forest::Predictions p = forest::predict(model, x);
  ScoredShare out;
  if (local.has(kIdColumn)) out.scores.add(std::string(kIdColumn), local.strings(kIdColumn));
  if (local.has(kSplitColumn)) out.scores.add(std::string(kSplitColumn), local.enums(kSplitColumn));
  const bool labelled = local.has(kLabelColumn) && local.has(kSplitColumn);
  if (local.has(kLabelColumn)) {
    out.scores.add(std::string(kLabelColumn), local.values<uint8_t>(kLabelColumn));
  }
  out.scores.add("score", p.score);
  out.scores.add("pctr", p.pctr);
  out.rows = allreduce_sum(comm, static_cast<int64_t>(local.rows()));
  out.test_auc = std::numeric_limits<double>::quiet_NaN();
  // Every rank agrees: the table's columns are the same on every rank.
  if (labelled) {
    std::vector<double> scores;
    std::vector<uint8_t> labels;
    for (uint32_t r : rows_of_split(local, "test")) {
      scores.push_back(p.score[r]);
      labels.push_back(local.values<uint8_t>(kLabelColumn)[r]);
    }
    out.test_auc = eval::distributed_roc_auc(comm, scores, labels);
    out.test_rows = allreduce_sum(comm, static_cast<int64_t>(labels.size()));
  }
  return out;
}

}  // namespace adlake::model
