#include "adlake/forest/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "adlake/forest/compiled_tree.hpp"

namespace adlake::forest {

namespace {

constexpr double kFixedPoint = 1099511627776.0;  // 2^40
constexpr double kClip = 1e-6;

double logit(double p) {
  p = std::clamp(p, kClip, 1.0 - kClip);
  return std::log(p / (1.0 - p));
}

double sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace

double PlattCalibration::apply(double p) const {
  if (rows == 0) return p;
  return sigmoid(a * logit(p) + b);
}

PlattCalibration fit_platt(std::span<const double> probs, std::span<const uint8_t> labels) {
  PlattCalibration c;
  const size_t n = probs.size();
  size_t positives = 0;
  for (uint8_t y : labels) positives += y;
  if (n == 0 || positives == 0 || positives == n) return c;
  std::vector<double> z(n);
  for (size_t i = 0; i < n; ++i) z[i] = logit(probs[i]);
  double a = 1.0, b = 0.0;
  for (int iter = 0; iter < 100; ++iter) {
    // Gradient and Hessian of the mean log loss in (a, b).
    double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (size_t i = 0; i < n; ++i) {
      const double p = sigmoid(a * z[i] + b), r = p - labels[i], w = p * (1.0 - p);
      ga += r * z[i];
      gb += r;
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    const double det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (std::abs(da) < 1e-10 && std::abs(db) < 1e-10) break;
  }
  if (!std::isfinite(a) || !std::isfinite(b)) return c;
  c.a = a;
  c.b = b;
  c.rows = static_cast<int64_t>(n);
  return c;
}

std::vector<uint32_t> calibration_rows(const TrainingSet& data, size_t max_rows) {
  const uint64_t total = data.total_rows;
  const uint64_t stride =
      std::max<uint64_t>(1, (total + max_rows - 1) / std::max<size_t>(max_rows, 1));
  std::vector<uint32_t> out;
  // The global rows k * stride that fall in this process's share.
  for (uint64_t g = (data.first_row + stride - 1) / stride * stride;
       g < data.first_row + data.rows(); g += stride)
    out.push_back(static_cast<uint32_t>(g - data.first_row));
  return out;
}

OobPctrSums::OobPctrSums(const TrainingSet& data, const ForestParams& params,
                         std::vector<uint32_t> sample_rows)
    : data_(data),
      params_(params),
      rows_(std::move(sample_rows)),
      sum_(rows_.size(), 0),
      count_(rows_.size(), 0) {
  if (!params_.bootstrap) return;  // no row is ever out of bag
  const size_t nf = data.features();
  bins_.resize(rows_.size() * nf);
  for (size_t k = 0; k < rows_.size(); ++k) {
    for (size_t f = 0; f < nf; ++f) bins_[k * nf + f] = data.columns[f][rows_[k]];
  }
}

void OobPctrSums::add(std::span<const Tree> trees, std::span<const uint64_t> tree_indices) {
  if (!params_.bootstrap) return;
  const size_t m = rows_.size(), nf = data_.features();
  const BootstrapDraws draws(params_);
  const auto n_trees = static_cast<int64_t>(trees.size());
#pragma omp parallel
  {
    // Integer sums per thread, added at the end: exact, so the split of
    // trees between threads does not matter.
    std::vector<int64_t> sum(m, 0);
    std::vector<int32_t> count(m, 0);
    std::vector<const uint8_t*> rows;
    std::vector<uint32_t> slots;
    std::vector<int32_t> leaf;
#pragma omp for schedule(dynamic, 1)
    for (int64_t t = 0; t < n_trees; ++t) {
      const CompiledTree tree(trees[t]);
      const uint64_t stream = draws.stream(tree_indices[t]);
      rows.clear();
      slots.clear();
      for (size_t k = 0; k < m; ++k) {
        if (draws.at(stream, data_.first_row + rows_[k]) != 0) continue;
        rows.push_back(bins_.data() + k * nf);
        slots.push_back(static_cast<uint32_t>(k));
      }
      leaf.resize(rows.size());
      tree.leaves<kLanes>(
          rows.size(), [&](size_t i) { return rows[i]; }, leaf.data());
      for (size_t i = 0; i < rows.size(); ++i) {
        sum[slots[i]] += std::llround(tree.pctr[leaf[i]] * kFixedPoint);
        count[slots[i]] += 1;
      }
    }
#pragma omp critical(adlake_oob_sums)
    for (size_t k = 0; k < m; ++k) {
      sum_[k] += sum[k];
      count_[k] += count[k];
    }
  }
}

OobSample OobPctrSums::sample() const {
  OobSample out;
  for (size_t k = 0; k < rows_.size(); ++k) {
    if (count_[k] == 0) continue;
    out.probs.push_back(static_cast<double>(sum_[k]) / kFixedPoint / count_[k]);
    out.labels.push_back(data_.labels[rows_[k]]);
  }
  return out;
}

}  // namespace adlake::forest
