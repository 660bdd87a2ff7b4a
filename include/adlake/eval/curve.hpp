#pragma once
// Points of a ROC or precision-recall curve, and their thinning for reports.
#include <cstddef>
#include <vector>

namespace adlake::eval {

struct CurvePoint {
  double x = 0;          // false positive rate (ROC) or recall (PR)
  double y = 0;          // true positive rate (ROC) or precision (PR)
  double threshold = 0;  // predict positive when score >= threshold
};

// At most max_points points, evenly spaced along the curve by index, always
// keeping the first and the last (a report's plot needs the end points).
std::vector<CurvePoint> downsample(const std::vector<CurvePoint>& curve, size_t max_points);

// The indices downsample keeps of a curve of `size` points, ascending.
std::vector<size_t> downsample_indices(size_t size, size_t max_points);

}  // namespace adlake::eval
