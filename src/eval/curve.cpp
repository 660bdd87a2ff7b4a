#include "adlake/eval/curve.hpp"

namespace adlake::eval {

std::vector<CurvePoint> downsample(const std::vector<CurvePoint>& curve, size_t max_points) {
  if (curve.size() <= max_points || max_points < 2) return curve;
  std::vector<CurvePoint> out;
  out.reserve(max_points);
  const size_t last = curve.size() - 1;
  for (size_t k = 0; k < max_points; ++k) {
    // k * last / (max_points - 1) hits 0 and last exactly and is strictly increasing
    // because last >= max_points.
    out.push_back(curve[k * last / (max_points - 1)]);
  }
  return out;
}

}  // namespace adlake::eval
