#include <cmath>

#include "adlake/eval/oracle_auc.hpp"
#include "adlake/model/truth.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::model {

nlohmann::json oracle_metrics(const Comm& comm, const std::string& truth_dir,
                              const std::vector<std::string>& ids, std::span<const uint8_t> labels,
                              double roc_auc) {
  const TruthProbabilities truth = collective_try(comm, [&] { return read_truth(truth_dir, ids); });
  std::vector<double> p, pf;
  std::vector<uint8_t> y;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (std::isnan(truth.p_click[i])) continue;
    p.push_back(truth.p_click[i]);
    pf.push_back(truth.p_click_features[i]);
    y.push_back(labels[i]);
  }
  nlohmann::json j;
  j["truth_dir"] = truth_dir;
  j["truth_rows"] = allreduce_sum(comm, truth.found);
  const eval::OracleAucs aucs = eval::oracle_aucs(comm, p, pf, y);
  if (aucs.samples == 0) return j;
  j["oracle_auc"] = aucs.oracle_auc;
  j["feature_oracle_auc"] = aucs.feature_oracle_auc;
  j["gap_to_feature_oracle"] = aucs.feature_oracle_auc - roc_auc;
  return j;
}

}  // namespace adlake::model
