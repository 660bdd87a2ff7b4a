#include "adlake/gen/oracle_auc.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace adlake::gen {

double roc_auc(std::span<const double> scores, std::span<const uint8_t> labels) {
  const size_t n = scores.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Mann-Whitney: sum of the positives' mid-ranks.
  double rank_sum = 0.0;
  uint64_t positives = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    uint64_t pos_in_tie = 0;
    while (j < n && scores[order[j]] == scores[order[i]]) pos_in_tie += labels[order[j++]] != 0;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    rank_sum += mid_rank * static_cast<double>(pos_in_tie);
    positives += pos_in_tie;
    i = j;
  }
  const uint64_t negatives = n - positives;
  if (positives == 0 || negatives == 0) return std::nan("");
  const double p = static_cast<double>(positives);
  return (rank_sum - p * (p + 1) / 2.0) / (p * static_cast<double>(negatives));
}

OracleAucs oracle_aucs(std::span<const OracleSample> samples) {
  std::vector<double> p(samples.size()), pf(samples.size());
  std::vector<uint8_t> y(samples.size());
  OracleAucs out;
  for (size_t i = 0; i < samples.size(); ++i) {
    p[i] = samples[i].p_click;
    pf[i] = samples[i].p_click_features;
    y[i] = samples[i].clicked;
    out.positives += samples[i].clicked;
  }
  out.samples = samples.size();
  out.oracle_auc = roc_auc(p, y);
  out.feature_oracle_auc = roc_auc(pf, y);
  return out;
}

}  // namespace adlake::gen
