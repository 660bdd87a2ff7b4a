#include "adlake/eval/curve.hpp"

namespace adlake::eval {

std::vector<size_t> downsample_indices(size_t size, size_t max_points) {
  std::vector<size_t> out;
  if (size <= max_points || max_points < 2) {
    for (size_t k = 0; k < size; ++k) out.push_back(k);
    return out;
  }
  out.reserve(max_points);
  const size_t last = size - 1;
  // k * last / (max_points - 1) hits 0 and last exactly and is strictly
  // increasing because last >= max_points.
  for (size_t k = 0; k < max_points; ++k) out.push_back(k * last / (max_points - 1));
  return out;
}

std::vector<CurvePoint> downsample(const std::vector<CurvePoint>& curve, size_t max_points) {
  std::vector<CurvePoint> out;
  for (size_t k : downsample_indices(curve.size(), max_points)) out.push_back(curve[k]);
  return out;
}

}  // namespace adlake::eval
