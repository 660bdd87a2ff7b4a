#include "adlake/eval/oracle_auc.hpp"

#include <numeric>

#include "adlake/eval/distributed_report.hpp"
#include "adlake/mpi/collectives.hpp"

namespace adlake::eval {

OracleAucs oracle_aucs(const Comm& comm, std::span<const double> p_click,
                       std::span<const double> p_click_features, std::span<const uint8_t> clicked) {
  OracleAucs out;
  out.samples = allreduce_sum(comm, static_cast<uint64_t>(clicked.size()));
  out.positives = allreduce_sum(comm, std::accumulate(clicked.begin(), clicked.end(), uint64_t{0}));
  if (out.samples == 0) return out;
  out.oracle_auc = distributed_roc_auc(comm, p_click, clicked);
  out.feature_oracle_auc = distributed_roc_auc(comm, p_click_features, clicked);
  return out;
}

}  // namespace adlake::eval
