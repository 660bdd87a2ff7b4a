#include "adlake/eval/oracle_auc.hpp"

#include "adlake/eval/roc.hpp"

namespace adlake::eval {

OracleAucs oracle_aucs(std::span<const double> p_click, std::span<const double> p_click_features,
                       std::span<const uint8_t> clicked) {
  OracleAucs out;
  out.samples = clicked.size();
  for (uint8_t y : clicked) out.positives += y;
  out.oracle_auc = roc_auc(p_click, clicked);
  out.feature_oracle_auc = roc_auc(p_click_features, clicked);
  return out;
}

}  // namespace adlake::eval
