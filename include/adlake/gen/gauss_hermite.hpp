#pragma once
// Gauss-Hermite quadrature for expectations over a normal variable; used to
// integrate the click model's hidden factors out of p_click (CONTRACT 1).
#include <cstddef>
#include <vector>

namespace adlake::gen {

class GaussHermite {
 public:
  // Nodes and weights of the n-point rule for weight exp(-x^2).
  explicit GaussHermite(int n);

  // E[f(mean + sd * Z)] for Z ~ N(0, 1).
  template <class F>
  double expect_normal(double mean, double sd, F&& f) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      sum += weights_[i] * f(mean + scale_ * sd * nodes_[i]);
    return sum * norm_;
  }

  const std::vector<double>& nodes() const { return nodes_; }
  const std::vector<double>& weights() const { return weights_; }

 private:
  std::vector<double> nodes_, weights_;
  double scale_;  // sqrt(2)
  double norm_;   // 1 / sqrt(pi)
};

}  // namespace adlake::gen
