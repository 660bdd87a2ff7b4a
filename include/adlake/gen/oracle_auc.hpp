#pragma once
// The two oracle AUCs of CONTRACT 1, computed on the test split of the
// generated impressions: oracle_auc (p_click) and feature_oracle_auc
// (p_click_features), with the evaluation's roc_auc.
#include <cstdint>
#include <span>

#include "adlake/gen/request_block.hpp"

namespace adlake::gen {

struct OracleAucs {
  double oracle_auc = 0.0;
  double feature_oracle_auc = 0.0;
  uint64_t samples = 0;
  uint64_t positives = 0;
};

OracleAucs oracle_aucs(std::span<const double> p_click, std::span<const double> p_click_features,
                       std::span<const uint8_t> clicked);
OracleAucs oracle_aucs(std::span<const OracleSample> samples);

}  // namespace adlake::gen
