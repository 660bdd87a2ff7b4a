#include "adlake/gen/oracle_auc.hpp"

#include <vector>

#include "adlake/eval/roc.hpp"

namespace adlake::gen {

OracleAucs oracle_aucs(std::span<const double> p_click, std::span<const double> p_click_features,
                       std::span<const uint8_t> clicked) {
  OracleAucs out;
  out.samples = clicked.size();
  for (uint8_t y : clicked) out.positives += y;
  out.oracle_auc = eval::roc_auc(p_click, clicked);
  out.feature_oracle_auc = eval::roc_auc(p_click_features, clicked);
  return out;
}

OracleAucs oracle_aucs(std::span<const OracleSample> samples) {
  std::vector<double> p(samples.size()), pf(samples.size());
  std::vector<uint8_t> y(samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    p[i] = samples[i].p_click;
    pf[i] = samples[i].p_click_features;
    y[i] = samples[i].clicked;
  }
  return oracle_aucs(p, pf, y);
}

}  // namespace adlake::gen
