#include "adlake/gen/gauss_hermite.hpp"

#include <cmath>

namespace adlake::gen {

// Newton iteration on the orthonormal Hermite recurrence, roots found from the
// largest down (Numerical Recipes, "gauher"); symmetric, so half are mirrored.
GaussHermite::GaussHermite(int n)
    : nodes_(n), weights_(n), scale_(std::sqrt(2.0)), norm_(1.0 / std::sqrt(M_PI)) {
  const double pim4 = std::pow(M_PI, -0.25);
  const int m = (n + 1) / 2;
  double z = 0.0;
  for (int i = 0; i < m; ++i) {
    if (i == 0)
      z = std::sqrt(2.0 * n + 1) - 1.85575 * std::pow(2.0 * n + 1, -1.0 / 6);
    else if (i == 1)
      z -= 1.14 * std::pow(n, 0.426) / z;
    else if (i == 2)
      z = 1.86 * z - 0.86 * nodes_[0];
    else if (i == 3)
      z = 1.91 * z - 0.91 * nodes_[1];
    else
      z = 2.0 * z - nodes_[i - 2];
    double pp = 0.0;
    for (int iter = 0; iter < 100; ++iter) {
      double p1 = pim4, p2 = 0.0;
      for (int j = 0; j < n; ++j) {
        const double p3 = p2;
        p2 = p1;
        p1 = z * std::sqrt(2.0 / (j + 1)) * p2 - std::sqrt(static_cast<double>(j) / (j + 1)) * p3;
      }
      pp = std::sqrt(2.0 * n) * p2;
      const double z1 = z;
      z = z1 - p1 / pp;
      if (std::fabs(z - z1) <= 1e-15) break;
    }
    nodes_[i] = z;
    nodes_[n - 1 - i] = -z;
    weights_[i] = 2.0 / (pp * pp);
    weights_[n - 1 - i] = weights_[i];
  }
}

}  // namespace adlake::gen
