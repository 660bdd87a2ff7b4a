// BootstrapDraws (forest/tree_builder.hpp): a row's Poisson draws per tree.
#include <cmath>

#include "adlake/forest/in_bag_rows.hpp"
#include "adlake/forest/tree_builder.hpp"

namespace adlake::forest {

BootstrapDraws::BootstrapDraws(const ForestParams& params)
    : seed_(params.seed), bootstrap_(params.bootstrap) {
  if (!bootstrap_) return;
  // The Poisson CDF, as thresholds on a uniform 64-bit value; the tail
  // beyond 2^-64 (or 127 draws) is cut.
  const double lambda = params.max_samples;
  double p = std::exp(-lambda), cdf = 0;
  for (int k = 0; k < InBagRows::kMaxDraws; ++k) {
    cdf += p;
    p *= lambda / (k + 1);
    if (cdf >= 1.0) break;
    below_.push_back(static_cast<uint64_t>(std::ldexp(cdf, 64)));
  }
}

}  // namespace adlake::forest
