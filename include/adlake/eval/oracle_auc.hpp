#pragma once
// The two oracle AUCs of CONTRACT 1, computed on the test split of the
// generated impressions: oracle_auc (p_click) and feature_oracle_auc
// (p_click_features), with the same roc_auc that scores the model, so that the
// oracle and the model are measured alike.
#include <cstdint>
#include <span>

namespace adlake::eval {

struct OracleAucs {
  double oracle_auc = 0.0;
  double feature_oracle_auc = 0.0;
  uint64_t samples = 0;
  uint64_t positives = 0;
};

OracleAucs oracle_aucs(std::span<const double> p_click, std::span<const double> p_click_features,
                       std::span<const uint8_t> clicked);

}  // namespace adlake::eval
