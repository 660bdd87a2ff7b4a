#pragma once
// The two oracle AUCs of CONTRACT 1: oracle_auc (p_click) and
// feature_oracle_auc (p_click_features) of labelled samples spread over the
// ranks, with the same ROC-AUC that scores the model (distributed_report.hpp),
// so that the oracle and the model are measured alike. generate uses it on
// the test split of the impressions it generated, train on the test rows
// found in the truth files.
#include <cmath>
#include <cstdint>
#include <span>

#include "adlake/mpi/comm.hpp"

namespace adlake::eval {

struct OracleAucs {
  double oracle_auc = NAN;  // NaN with no samples or one class
  double feature_oracle_auc = NAN;
  uint64_t samples = 0;  // of all ranks
  uint64_t positives = 0;
};

// Collective; no rank gathers the samples.
OracleAucs oracle_aucs(const Comm& comm, std::span<const double> p_click,
                       std::span<const double> p_click_features, std::span<const uint8_t> clicked);

}  // namespace adlake::eval
